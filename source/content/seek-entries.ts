import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import type tar from 'tar-stream';
import {PeelError} from '../errors.js';
import {contentHash, readError} from '../layers/decode-layer.js';
import {layerLabel} from '../load/load-image.js';
import type {LayerContents} from '../layers/layer-entry.js';
import {createExtract, entryStart} from '../layers/tar-shim.js';
import type {LayerHandle} from '../sources/image-handle.js';
import {keptEntryPath} from './entry-name.js';
import {expandSparse} from './expand-sparse.js';
import type {EntryLocation} from './locate-entry.js';
import type {EntryConsumer} from './read-entries.js';
import {openTarAt, type TarAtRoute} from './tar-at.js';

/** Wanted entries closer than this are read in one pass; farther apart, each run seeks on its own. */
const RUN_GAP = 4 << 20;
/**
 * More runs than this are read as one pass from the first wanted entry to the last: each
 * seek into gzip inflates up to a checkpoint spacing, so many scattered files (an extract)
 * would cost more than reading through.
 */
const MAX_RUNS = 8;

/** How the last runs were read (the tests and the bench look). */
export const seekRoutes: TarAtRoute[] = [];

/**
 * Reads wanted entries of one layer where the first decode recorded them (seek-index.ts):
 * each run of nearby entries is parsed from its first entry's offset, reached as cheaply
 * as the source allows (tar-at.ts), and the read stops after the run's last entry. Every
 * landing is checked — the entry found at the offset must be the one wanted (tar-stream
 * checks the header checksum, this its name and size). Returns the entries it could not
 * read that way (no index, an index of another blob, a landing that did not match), for
 * the caller to read by a full pass (read-entries.ts). An entry whose bytes were begun
 * is never handed back: a failure inside one is an error.
 */
export async function readEntriesAt(layer: LayerHandle, contents: LayerContents, wanted: EntryLocation[], consume: EntryConsumer): Promise<EntryLocation[]> {
	const seek = contents.seek;
	if (!seek || (layer.digest !== null && seek.blobDigest !== layer.digest)) return wanted;
	const unknown = wanted.filter(location => !Number.isFinite(location.start));
	const known = wanted.filter(location => Number.isFinite(location.start)).sort((a, b) => a.start - b.start);
	const runs: EntryLocation[][] = [];
	for (const location of known) {
		const run = runs.at(-1);
		if (run && location.start - run.at(-1)!.start <= RUN_GAP) run.push(location);
		else runs.push([location]);
	}
	const left: EntryLocation[] = [...unknown];
	for (const run of runs.length > MAX_RUNS ? [known] : runs) left.push(...(await readRun(layer, contents, run, consume)));
	return left;
}

/** One pass from the run's first entry; resolves with the entries of the run it did not read. */
async function readRun(layer: LayerHandle, contents: LayerContents, run: EntryLocation[], consume: EntryConsumer): Promise<EntryLocation[]> {
	const base = run[0]!.start;
	const byStart = new Map(run.map(location => [location.start - base, location]));
	let opened: Awaited<ReturnType<typeof openTarAt>>;
	try {
		opened = await openTarAt(layer, contents.compression, contents.seek!.checkpoints, base);
	} catch {
		return run;
	}
	seekRoutes.push(opened.route);
	if (seekRoutes.length > 1000) seekRoutes.shift();
	const feed = Readable.from(opened.bytes, {objectMode: false});
	const extract = createExtract();
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		feed.destroy();
		opened.close();
		extract.destroy();
	};
	feed.pipe(extract as unknown as NodeJS.WritableStream);
	try {
		return await new Promise<EntryLocation[]>((resolve, reject) => {
			/** Not yet handed to the consumer. */
			const unread = new Set(run);
			let reading = false;
			const giveBack = () => {
				stop();
				resolve([...unread]);
			};
			const fail = (error: unknown) => {
				if (stopped) return;
				if (reading) {
					stop();
					reject(readError(layerLabel(layer), error));
				} else giveBack();
			};
			feed.on('error', fail);
			extract.on('error', fail);
			extract.on('finish', () => giveBack());
			extract.on('close', () => {
				if (!stopped) fail(new Error('the read stopped'));
			});
			let first = true;
			extract.on('entry', (header, content, next) => {
				const start = entryStart(header);
				const location = start === null ? undefined : byStart.get(start);
				const landing = first;
				first = false;
				if (!location || !unread.has(location)) {
					// The first entry must be the one the run starts with; later ones may be any.
					if (landing) giveBack();
					else drain(content as unknown as Readable, header, next);
					return;
				}
				if (keptEntryPath(header) !== location.path || (!location.sparse && (header.size ?? 0) !== location.size)) {
					giveBack(); // not what the first decode saw here: a foreign or stale index
					return;
				}
				unread.delete(location);
				reading = true;
				let ended = false;
				// The bytes are checked against the first decode's hash (a sparse file's hash is of its expansion, and may be of its map: not checked).
				const hash = location.sparse ? null : createHash('sha256');
				const stored = (async function* () {
					for await (const chunk of content as unknown as AsyncIterable<Buffer>) {
						hash?.update(chunk);
						yield chunk;
					}
					ended = true;
					if (hash && contentHash(hash.digest('base64url')) !== location.hash) {
						throw new PeelError(`"${location.path}" read back from its layer is not what peel read there first (a stale seek index?): run peel again`);
					}
				})();
				const bytes = location.sparse ? expandSparse(stored, location.sparse, location.size) : stored;
				consume(location, bytes).then(() => {
					reading = false;
					if (unread.size === 0) {
						stop();
						resolve([]);
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
		stop();
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
