import {createReadStream} from 'node:fs';
import type {Readable} from 'node:stream';
import tar from 'tar-stream';
import {PeelError} from '../../errors.js';
import {createDecompressor} from '../../layers/decompress.js';
import type {Compression} from '../../layers/layer-entry.js';
import {normalizeEntryPath} from '../../layers/normalize-path.js';
import {peek} from '../../layers/peek.js';
import {sniffCompression} from '../../layers/sniff-compression.js';

export interface TarIndexEntry {
	name: string;
	type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
	/** Offset of the entry's data in the (uncompressed) tar stream. */
	offset: number;
	size: number;
	linkname: string | null;
}

export interface TarIndex {
	/** How the archive file as a whole is compressed (docker save | gzip). */
	compression: Compression;
	entries: Map<string, TarIndexEntry>;
	/** Entry names in stream order. */
	order: string[];
}

/** Opens the archive's tar stream (decompressed when the file is compressed as a whole). */
export async function openTarStream(path: string): Promise<{stream: Readable; compression: Compression}> {
	const {head, stream} = await peek(createReadStream(path, {highWaterMark: 1 << 20}), 4);
	const compression = sniffCompression(head);
	const decompressor = await createDecompressor(compression);
	if (!decompressor) return {stream, compression};
	stream.on('error', error => decompressor.destroy(error));
	return {stream: stream.pipe(decompressor), compression};
}

/**
 * One pass over an archive file recording where each entry's data is, so that
 * layers can later be streamed from their offsets without extracting anything.
 */
export async function indexTarFile(path: string, label: string): Promise<TarIndex> {
	const {stream, compression} = await openTarStream(path);
	const extract = tar.extract();
	const entries = new Map<string, TarIndexEntry>();
	const order: string[] = [];
	stream.on('error', error => extract.destroy(error));
	stream.pipe(extract as unknown as NodeJS.WritableStream);
	try {
		for await (const entry of extract) {
			const h = entry.header as {name: string; type?: string | null; size?: number; linkname?: string | null; byteOffset?: number};
			const name = normalizeEntryPath(h.name);
			entry.resume();
			if (name === null || name === '') continue;
			const type = h.type === 'file' || h.type === 'directory' || h.type === 'symlink' || h.type === 'link' ? h.type : 'other';
			if (!entries.has(name)) order.push(name);
			entries.set(name, {name, type, offset: h.byteOffset ?? 0, size: h.size ?? 0, linkname: h.linkname ?? null});
		}
	} catch (error) {
		stream.destroy();
		const message = error instanceof Error ? error.message : String(error);
		if (/unexpected end/i.test(message)) throw new PeelError(`${label} is truncated: the archive ends in the middle of an entry`);
		if (/invalid tar header|unknown format/i.test(message)) throw new PeelError(`${label} is not an image archive (not a tar file)`);
		throw new PeelError(`${label} cannot be read: ${message}`);
	}
	if (entries.size === 0) throw new PeelError(`${label} is not an image archive (no files in it)`);
	return {compression, entries, order};
}
