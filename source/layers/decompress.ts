import type {Transform} from 'node:stream';
import {createGunzip} from 'node:zlib';
import type {Compression} from './layer-entry.js';

/** The decompressing stage for a blob, or null for a plain tar. The zstd decoder is loaded only for zstd blobs. */
export async function createDecompressor(compression: Compression): Promise<Transform | null> {
	switch (compression) {
		case 'gzip':
			// zlib's gunzip reads multi-member streams (eStargz, pigz --independent) to the end.
			// 1 MB chunks: 2.4% less time than 256 KB on the bench (8 interleaved pairs), same memory.
			return createGunzip({chunkSize: 1024 * 1024});
		case 'zstd':
			return (await import('./zstd-decompress.js')).createZstdDecompress();
		case 'none':
			return null;
	}
}

/** For a zstd blob decoded by the slow fallback, once per thread: the warning that says so. */
export async function slowDecoderWarning(compression: Compression): Promise<string | null> {
	return compression === 'zstd' ? (await import('./zstd-decompress.js')).takeSlowDecoderWarning() : null;
}
