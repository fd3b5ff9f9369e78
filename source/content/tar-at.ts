import {createReadStream} from 'node:fs';
import {open} from 'node:fs/promises';
import {Readable} from 'node:stream';
import {createGunzip, createInflateRaw} from 'node:zlib';
import {BitShift} from '../layers/bit-shift.js';
import {createDecompressor} from '../layers/decompress.js';
import type {Compression} from '../layers/layer-entry.js';
import {localFileOf, type LocalFile} from '../layers/local-file.js';
import {peek} from '../layers/peek.js';
import {checkpointBefore, type GzipCheckpoint} from '../layers/seek-index.js';
import {sniffCompression} from '../layers/sniff-compression.js';
import type {LayerHandle} from '../sources/image-handle.js';

const CHUNK = 256 << 10;
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** How the bytes from an offset were reached (for tests and the bench). */
export type TarAtRoute = 'positioned' | 'checkpoint' | 're-stream';

/**
 * The layer's uncompressed tar from byte `offset` on, read as cheaply as its source
 * allows: a blob that is a local file is read from the offset (uncompressed) or inflated
 * from the last gzip checkpoint before it; anything else is streamed from its start
 * again and decompressed, the bytes before `offset` dropped unparsed. The stream is
 * pulled, so reading stops where the caller stops.
 */
export async function openTarAt(layer: LayerHandle, compression: Compression, checkpoints: readonly GzipCheckpoint[], offset: number): Promise<{bytes: AsyncIterable<Buffer>; route: TarAtRoute; close: () => void}> {
	const blob = await layer.open();
	const file = localFileOf(blob);
	if (file && compression === 'none') {
		blob.destroy();
		const stream = createReadStream(file.path, {start: file.start + offset, end: file.end, highWaterMark: CHUNK});
		return {bytes: stream, route: 'positioned', close: () => stream.destroy()};
	}
	const checkpoint = file && compression === 'gzip' ? checkpointBefore(checkpoints, offset) : null;
	if (file && checkpoint) {
		blob.destroy();
		const streams: Readable[] = [];
		return {bytes: dropBytes(inflateFrom(file, checkpoint, streams), offset - checkpoint.out), route: 'checkpoint', close: () => streams.forEach(s => s.destroy())};
	}
	const {head, stream} = await peek(blob, 4).catch(error => {
		blob.destroy();
		throw error;
	});
	const decompressor = await createDecompressor(sniffCompression(head));
	const tar = decompressor ? stream.pipe(decompressor) : stream;
	stream.on('error', error => decompressor?.destroy(error));
	return {
		bytes: dropBytes(tar, offset),
		route: 're-stream',
		close: () => {
			stream.destroy();
			decompressor?.destroy();
		},
	};
}

/**
 * Inflates a gzip blob from a checkpoint: the bytes from its bit moved to a byte boundary,
 * inflated raw with its window as the dictionary. When that gzip member ends, the members
 * after it (if any) are read by an ordinary gunzip.
 */
async function* inflateFrom(file: LocalFile, checkpoint: GzipCheckpoint, streams: Readable[]): AsyncGenerator<Buffer> {
	const byte = Math.floor(checkpoint.bit / 8);
	const shift = checkpoint.bit % 8;
	const source = createReadStream(file.path, {start: file.start + byte, end: file.end, highWaterMark: CHUNK});
	const shifter = new BitShift(shift);
	const inflate = createInflateRaw({dictionary: checkpoint.window, chunkSize: CHUNK});
	streams.push(source, shifter, inflate);
	source.on('error', error => inflate.destroy(error));
	shifter.on('error', error => inflate.destroy(error));
	source.pipe(shifter).pipe(inflate);
	for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
	// The member ended: its 8-byte trailer starts at the byte after its last bit, which is
	// one of two bytes (the shifted bytes straddle two of the file's).
	source.unpipe();
	source.destroy();
	const used = inflate.bytesWritten;
	const next = await nextMember(file, [byte + used + 8, byte + used + 9].slice(0, shift === 0 ? 1 : 2));
	if (next === null) return;
	const rest = createReadStream(file.path, {start: file.start + next, end: file.end, highWaterMark: CHUNK});
	const gunzip = createGunzip({chunkSize: CHUNK});
	streams.push(rest, gunzip);
	rest.on('error', error => gunzip.destroy(error));
	yield* rest.pipe(gunzip) as AsyncIterable<Buffer>;
}

/** Which of `candidates` (offsets in the blob) starts a gzip member, or null when none (the blob ends there). */
async function nextMember(file: LocalFile, candidates: number[]): Promise<number | null> {
	const handle = await open(file.path, 'r');
	try {
		for (const at of candidates) {
			if (file.start + at + GZIP_MAGIC.length - 1 > file.end) continue;
			const {buffer, bytesRead} = await handle.read(Buffer.alloc(3), 0, 3, file.start + at);
			if (bytesRead === 3 && GZIP_MAGIC.every((value, i) => buffer[i] === value)) return at;
		}
		return null;
	} finally {
		await handle.close();
	}
}

/** The stream without its first `count` bytes. */
async function* dropBytes(source: AsyncIterable<Buffer>, count: number): AsyncGenerator<Buffer> {
	let left = count;
	for await (const chunk of source) {
		if (left >= chunk.length) {
			left -= chunk.length;
			continue;
		}
		yield left > 0 ? chunk.subarray(left) : chunk;
		left = 0;
	}
}
