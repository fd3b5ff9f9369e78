import {createRequire} from 'node:module';
import {Transform, type TransformCallback} from 'node:stream';
import {frameWindow, WindowTooLarge} from './zstd-blocks.js';

/** The part of zstd-napi's binding (libzstd's streaming decoder) used here; typed locally since the package is optional. */
interface Binding {
	DCtx: new () => DCtx;
	DParameter: {windowLogMax: number};
	dStreamOutSize(): number;
}

interface DCtx {
	setParameter(parameter: number, value: number): void;
	/** ZSTD_decompressStream: [hint (0 at the end of a frame), bytes written, bytes read]. */
	decompressStream(out: Uint8Array, input: Uint8Array): [number, number, number];
}

/** The longest frame header (RFC 8878 §3.1.1.1): magic, descriptor, window, dictionary id, content size. */
const MAX_HEADER = 18;

/** Loads the addon, or says why it cannot be used. */
export function loadZstdNapi(): Binding | {reason: string} {
	try {
		return createRequire(import.meta.url)('zstd-napi/binding') as Binding;
	} catch (error) {
		const {code, message} = error as NodeJS.ErrnoException;
		if (code === 'MODULE_NOT_FOUND') return {reason: 'the optional zstd-napi addon is not installed'};
		return {reason: `the zstd-napi addon did not load (${String(message).split('\n')[0]})`};
	}
}

/**
 * libzstd's streaming decoder behind a Transform that keeps to backpressure: it decodes
 * one output buffer at a time and stops while the reader is full, so a bomb never gets
 * ahead of the tar parser.
 */
export class NapiZstd extends Transform {
	private readonly dctx: DCtx;
	private readonly outSize: number;
	private input: Buffer = Buffer.alloc(0);
	private callback: TransformCallback | null = null;
	private pending: (() => void) | null = null;
	/** The last output buffer came back full: libzstd may hold more. */
	private moreOut = false;
	/** Between frames (or before the first): the input may end here. */
	private atFrameEnd = true;
	/** The current frame's first bytes, to name the window it asks for if libzstd refuses it. */
	private head: Buffer = Buffer.alloc(0);

	constructor(
		binding: Binding,
		private readonly windowLogMax: number,
	) {
		super();
		this.dctx = new binding.DCtx();
		this.dctx.setParameter(binding.DParameter.windowLogMax, windowLogMax);
		// 1 MiB steps like gunzip's chunkSize: fewer calls, still bounded.
		this.outSize = Math.max(binding.dStreamOutSize(), 1 << 20);
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.input = chunk;
		this.callback = callback;
		this.decode();
	}

	private decode(): void {
		try {
			while (this.input.length > 0 || this.moreOut) {
				const out = Buffer.allocUnsafe(this.outSize);
				const [hint, produced, consumed] = this.step(out);
				this.keepHead(this.input.subarray(0, consumed));
				this.input = this.input.subarray(consumed);
				this.moreOut = produced === out.length;
				if (produced === 0 && consumed === 0) {
					// Output room and input left, yet nothing done: never loop on it.
					if (this.input.length > 0) throw new Error('invalid zstd data: the decoder made no progress');
					break;
				}
				// An empty call just after a frame's end asks for the next header: only calls that did something count.
				this.atFrameEnd = hint === 0;
				if (this.atFrameEnd) this.head = Buffer.alloc(0);
				if (produced > 0 && !this.push(produced === out.length ? out : out.subarray(0, produced))) {
					this.pending = () => this.decode();
					return;
				}
			}
		} catch (error) {
			this.done(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		this.done(null);
	}

	private step(out: Buffer): [number, number, number] {
		try {
			return this.dctx.decompressStream(out, this.input);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			if (/too much memory/i.test(message)) {
				this.keepHead(this.input);
				throw new WindowTooLarge(frameWindow(this.head), 2 ** this.windowLogMax);
			}
			// libzstd's bare error names ("Corrupted block detected"): say what they are about.
			throw new Error(`invalid zstd data: ${message}`);
		}
	}

	private keepHead(bytes: Buffer): void {
		if (this.head.length < MAX_HEADER && bytes.length > 0) this.head = Buffer.concat([this.head, bytes.subarray(0, MAX_HEADER - this.head.length)]);
	}

	private done(error: Error | null): void {
		const callback = this.callback;
		this.callback = null;
		callback?.(error);
	}

	override _read(size: number): void {
		const resume = this.pending;
		this.pending = null;
		resume?.();
		super._read(size);
	}

	override _flush(callback: TransformCallback): void {
		callback(this.atFrameEnd ? null : new Error('unexpected end of data'));
	}
}
