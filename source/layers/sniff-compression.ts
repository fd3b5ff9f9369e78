import type {Compression} from './layer-entry.js';

/** Detects compression from the first bytes: gzip 1f 8b, zstd 28 b5 2f fd, skippable zstd 5? 2a 4d 18. */
export function sniffCompression(head: Uint8Array): Compression {
	if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
	if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
	// A zstd stream may start with a skippable frame (magic 0x184D2A5?, little-endian).
	if (head.length >= 4 && (head[0]! & 0xf0) === 0x50 && head[1] === 0x2a && head[2] === 0x4d && head[3] === 0x18) return 'zstd';
	return 'none';
}
