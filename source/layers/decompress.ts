import {Transform, type TransformCallback} from 'node:stream';
import {createGunzip} from 'node:zlib';
import type {Decompress} from 'fzstd';
import type {Compression} from './layer-entry.js';

/** Streaming zstd decoder (Node 20's zlib has none): frames, concatenated frames and skippable frames. */
class ZstdDecompress extends Transform {
	private readonly decoder: Decompress;

	constructor(decoder: typeof Decompress) {
		super();
		this.decoder = new decoder(chunk => {
			// fzstd may hand out views of its window: copy before passing on.
			this.push(Buffer.from(chunk));
		});
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		try {
			this.decoder.push(chunk);
			callback();
		} catch (error) {
			callback(asError(error));
		}
	}

	override _flush(callback: TransformCallback): void {
		try {
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

/** The decompressing stage for a blob, or null for a plain tar. The zstd decoder is loaded only for zstd blobs. */
export async function createDecompressor(compression: Compression): Promise<Transform | null> {
	switch (compression) {
		case 'gzip':
			// zlib's gunzip reads multi-member streams (eStargz, pigz --independent) to the end.
			// 1 MB chunks: 2.4% less time than 256 KB on the bench (8 interleaved pairs), same memory.
			return createGunzip({chunkSize: 1024 * 1024});
		case 'zstd':
			return new ZstdDecompress((await import('fzstd')).Decompress);
		case 'none':
			return null;
	}
}
