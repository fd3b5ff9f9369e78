import {Transform, type TransformCallback} from 'node:stream';
import zlib from 'node:zlib';
import type {Decompress} from 'fzstd';
import {WindowTooLarge, ZstdBlocks} from './zstd-blocks.js';
import {loadZstdNapi, NapiZstd} from './zstd-napi-stream.js';

/** zstd's own default limit: a frame may ask for a window of at most 128 MiB. */
const WINDOW_LOG_MAX = 27;

/** What Node ≥ 22.15 has; typed here because @types/node 20 does not know it. */
type ZlibWithZstd = {
	createZstdDecompress?: (options: {chunkSize?: number; params?: Record<number, number>}) => Transform;
	constants: Record<string, number>;
};

export type ZstdDecoderName = 'zlib' | 'zstd-napi' | 'fzstd';

interface Choice {
	name: ZstdDecoderName;
	create: () => Promise<Transform>;
	/** Why zstd decodes slowly here, when it falls to fzstd without being asked to. */
	slowBecause: string | null;
}

let choice: Choice | null = null;
let warned = false;

/**
 * Fastest first: Node's own libzstd (≥ 22.15), the zstd-napi addon (an optional
 * dependency, built at install), fzstd (pure JS, about 100 MB/s against libzstd's 250 here). PEEL_ZSTD=zstd-napi or
 * =fzstd skips the ones before it (a debugging switch, to test each path).
 */
function choose(): Choice {
	if (choice) return choice;
	const forced = process.env['PEEL_ZSTD'];
	const native = zlib as unknown as ZlibWithZstd;
	if (native.createZstdDecompress && forced !== 'zstd-napi' && forced !== 'fzstd') {
		const create = native.createZstdDecompress;
		return (choice = {name: 'zlib', create: async () => zlibZstd(create, native.constants), slowBecause: null});
	}
	let slowBecause: string | null = null;
	if (forced !== 'fzstd') {
		const binding = loadZstdNapi();
		if (!('reason' in binding)) return (choice = {name: 'zstd-napi', create: async () => new NapiZstd(binding, WINDOW_LOG_MAX), slowBecause: null});
		slowBecause = binding.reason;
	}
	return (choice = {name: 'fzstd', create: async () => new BlockFedZstd((await import('fzstd')).Decompress), slowBecause});
}

/** Which decoder zstd layers get in this process. */
export function zstdDecoderName(): ZstdDecoderName {
	return choose().name;
}

/** Once per thread, if zstd falls back to the slow decoder: a warning that says why. */
export function takeSlowDecoderWarning(): string | null {
	const {slowBecause} = choose();
	if (slowBecause === null || warned) return null;
	warned = true;
	return `zstd layers decode slowly here (pure-JS decoder, about 2.5× slower than libzstd): ${slowBecause}; \`npm rebuild zstd-napi\` (with python3, make and a C++ compiler) makes them fast, as does Node 22.15 or later`;
}

/** A streaming zstd decoder that keeps to backpressure and refuses windows over 128 MiB. */
export async function createZstdDecompress(): Promise<Transform> {
	return choose().create();
}

function zlibZstd(create: NonNullable<ZlibWithZstd['createZstdDecompress']>, constants: Record<string, number>): Transform {
	const stream = create({chunkSize: 1024 * 1024, params: {[constants['ZSTD_d_windowLogMax']!]: WINDOW_LOG_MAX}});
	// Before pipeline's listener: it passes on this same object.
	stream.prependListener('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'ZSTD_error_frameParameter_windowTooLarge') error.message = new WindowTooLarge(null, 2 ** WINDOW_LOG_MAX).message;
	});
	return stream;
}

/**
 * fzstd decodes all it is given in one call, so a few KB of a bomb would become GBs at
 * once: it gets one block per call, and no more while the reader is full.
 */
class BlockFedZstd extends Transform {
	private readonly blocks = new ZstdBlocks(2 ** WINDOW_LOG_MAX);
	private readonly decoder: Decompress;
	private pending: (() => void) | null = null;
	/** The last push filled the reader. */
	private full = false;

	constructor(decoder: typeof Decompress) {
		super();
		this.decoder = new decoder(chunk => {
			// fzstd may hand out views of its window: copy before passing on.
			if (!this.push(Buffer.from(chunk))) this.full = true;
		});
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.blocks.push(chunk);
		this.decode(callback);
	}

	private decode(callback: TransformCallback): void {
		try {
			for (let piece = this.blocks.next(); piece; piece = this.blocks.next()) {
				this.full = false;
				this.decoder.push(piece);
				// Only after a push: a piece that made no output (a frame header) must not wait
				// for a read that will not come, as the reader's last read is still unanswered.
				if (this.full) {
					this.pending = () => this.decode(callback);
					return;
				}
			}
		} catch (error) {
			callback(asError(error));
			return;
		}
		callback();
	}

	override _read(size: number): void {
		const resume = this.pending;
		this.pending = null;
		resume?.();
		super._read(size);
	}

	override _flush(callback: TransformCallback): void {
		try {
			this.blocks.end();
			this.decoder.push(new Uint8Array(0), true);
			callback();
		} catch (error) {
			callback(asError(error));
		}
	}
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}
