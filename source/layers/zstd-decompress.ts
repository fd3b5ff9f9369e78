import {Transform, type TransformCallback} from 'node:stream';
import zlib from 'node:zlib';
import type {Decompress} from 'fzstd';
import {WindowTooLarge, ZstdBlocks} from './zstd-blocks.js';

/** zstd's own default limit: a frame may ask for a window of at most 128 MiB. */
const WINDOW_LOG_MAX = 27;

/** What Node ≥ 22.15 has; typed here because @types/node 20 does not know it. */
type ZlibWithZstd = {
	createZstdDecompress?: (options: {chunkSize?: number; params?: Record<number, number>}) => Transform;
	constants: Record<string, number>;
};

/**
 * A streaming zstd decoder that keeps to backpressure: Node's own (libzstd) where the
 * runtime has it, else fzstd fed one block at a time.
 */
export async function createZstdDecompress(): Promise<Transform> {
	const native = zlib as unknown as ZlibWithZstd;
	if (native.createZstdDecompress) {
		const stream = native.createZstdDecompress({
			chunkSize: 1024 * 1024,
			params: {[native.constants['ZSTD_d_windowLogMax']!]: WINDOW_LOG_MAX},
		});
		// Before pipeline's listener: it passes on this same object.
		stream.prependListener('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'ZSTD_error_frameParameter_windowTooLarge') error.message = new WindowTooLarge(null, 2 ** WINDOW_LOG_MAX).message;
		});
		return stream;
	}
	return new BlockFedZstd((await import('fzstd')).Decompress);
}

/**
 * fzstd decodes all it is given in one call, so a few KB of a bomb would become GBs at
 * once: it gets one block per call, and no more while the reader is full.
 */
class BlockFedZstd extends Transform {
	private readonly blocks = new ZstdBlocks(2 ** WINDOW_LOG_MAX);
	private readonly decoder: Decompress;
	private pending: (() => void) | null = null;

	constructor(decoder: typeof Decompress) {
		super();
		this.decoder = new decoder(chunk => {
			// fzstd may hand out views of its window: copy before passing on.
			this.push(Buffer.from(chunk));
		});
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.blocks.push(chunk);
		this.decode(callback);
	}

	private decode(callback: TransformCallback): void {
		try {
			for (let piece = this.blocks.next(); piece; piece = this.blocks.next()) {
				this.decoder.push(piece);
				if (this.readableLength >= this.readableHighWaterMark) {
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
