import type {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import type tar from 'tar-stream';
import {PeelError} from '../errors.js';
import {createDecompressor} from '../layers/decompress.js';
import {readError} from '../layers/decode-layer.js';
import {peek} from '../layers/peek.js';
import {sniffCompression} from '../layers/sniff-compression.js';
import {createExtract} from '../layers/tar-shim.js';
import {layerLabel} from '../load/load-image.js';
import type {LayerHandle} from '../sources/image-handle.js';
import {keptEntryPath} from './entry-name.js';
import {expandSparse} from './expand-sparse.js';
import type {EntryLocation} from './locate-entry.js';

/** Called with each wanted entry's bytes; the read goes on when the returned promise settles. */
export type EntryConsumer = (location: EntryLocation, content: AsyncIterable<Buffer>) => Promise<void>;

/**
 * Reads the wanted entries of one layer in a single pass over its blob, opened again from
 * its source: sniffs and decompresses it as the layer reader does, parses it with
 * tar-stream, and hands each wanted entry's bytes to `consume` in tar order, with
 * backpressure (memory stays at a few chunks, whatever the file's size). Stops reading as
 * soon as the last wanted entry is done. `consume` must read every entry to its end but
 * the last (stopping early ends the whole read). The only I/O of source/content.
 */
export async function readEntries(layer: LayerHandle, wanted: EntryLocation[], consume: EntryConsumer): Promise<void> {
	const label = layerLabel(layer);
	// Per path: the ordinals wanted, and how many entries of that path went by.
	const byPath = new Map<string, {ordinals: Map<number, EntryLocation>; seen: number}>();
	for (const location of wanted) {
		const slot = byPath.get(location.path) ?? {ordinals: new Map(), seen: 0};
		slot.ordinals.set(location.ordinal, location);
		byPath.set(location.path, slot);
	}
	let left = wanted.length;
	if (left === 0) return;

	const blob = await layer.open();
	const {head, stream} = await peek(blob, 4).catch(error => {
		blob.destroy();
		throw readError(label, error);
	});
	const decompressor = await createDecompressor(sniffCompression(head));
	// The layer reader's extractor: the same dialects (old GNU sparse maps, strict PAX).
	const extract = createExtract();
	let stopped = false;
	const stop = () => {
		stopped = true;
		stream.destroy();
		decompressor?.destroy();
		extract.destroy();
	};
	const stages = (decompressor ? [stream, decompressor] : [stream]) as unknown as [Readable, ...NodeJS.ReadWriteStream[]];
	const feeding = stages.length > 1 ? pipeline(stages) : Promise.resolve();
	(stages.at(-1) as Readable).pipe(extract as unknown as NodeJS.WritableStream);

	try {
		await new Promise<void>((resolve, reject) => {
			const fail = (error: unknown) => {
				if (stopped) return;
				stop();
				reject(readError(label, error));
			};
			feeding.catch(fail);
			stream.on('error', fail);
			extract.on('error', fail);
			// A consumer that stops early destroys the entry, and tar-stream the whole extractor with it.
			extract.on('close', () => {
				if (left > 0) fail(new PeelError(`${label}: the read stopped before every file was read`));
			});
			extract.on('finish', () => {
				if (left > 0) fail(new PeelError(`${label} no longer holds the file peel read from it: the image changed while peel ran; run peel again`));
			});
			extract.on('entry', (header, content, next) => {
				const path = keptEntryPath(header);
				const slot = path === null ? undefined : byPath.get(path);
				const location = slot?.ordinals.get(slot.seen++);
				if (!location) {
					drain(content as unknown as Readable, header, next);
					return;
				}
				if (!location.sparse && (header.size ?? 0) !== location.size) {
					fail(new PeelError(`${label}: "${location.path}" is ${header.size} bytes now, ${location.size} when peel read it: the image changed while peel ran; run peel again`));
					return;
				}
				let ended = false;
				const stored = (async function* () {
					for await (const chunk of content as unknown as AsyncIterable<Buffer>) yield chunk;
					ended = true;
				})();
				const bytes = location.sparse ? expandSparse(stored, location.sparse, location.size) : stored;
				consume(location, bytes).then(() => {
					if (--left === 0) {
						stop();
						resolve();
						return;
					}
					if (ended) next();
					else drain(content as unknown as Readable, header, next);
				}, error => {
					if (stopped) return;
					stop();
					reject(error);
				});
			});
		});
	} finally {
		if (!stopped) stop();
	}
}

/** Skips an entry's content (tar-stream streams nothing for entries without data). */
function drain(content: Readable, header: tar.Header, next: () => void): void {
	if (!header.size || header.type === 'directory') {
		queueMicrotask(next);
		return;
	}
	content.on('error', () => {}); // the extractor reports it
	content.on('end', next);
	content.resume();
}
