import {createHash, hash as hashOnce, type Hash} from 'node:crypto';
import type {PassThrough, Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import type tar from 'tar-stream';
import {PeelError} from '../errors.js';
import {createDecompressor, slowDecoderWarning} from './decompress.js';
import {contentHash, EMPTY_HASH, planEntry} from './entry-plan.js';
import {Handoff} from './handoff.js';
import {HashMeter} from './hash-meter.js';
import type {LayerContents, LayerEntry} from './layer-entry.js';
import {peek} from './peek.js';
import {sniffCompression} from './sniff-compression.js';
import {MAX_HOLE_BYTES, SparseHasher} from './sparse-entry.js';
import {IndexingGunzip} from './indexing-gunzip.js';
import {EntryStarts} from './seek-index.js';
import {TarIntake} from './tar-intake.js';
import type {ScanSink} from './tar-scan.js';
import {CorruptEntryError, entryStart, shownName, unfinishedEntry} from './tar-shim.js';
import {WarningList} from '../warnings.js';

export {contentHash, EMPTY_HASH};

export interface ReadLayerOptions {
	/** How errors and warnings name this layer, e.g. "layer 3 (sha256:ab12…)". */
	label: string;
	expectedDiffId?: string | null;
	expectedDigest?: string | null;
	expectedSize?: number | null;
	/** Called as bytes of the stored blob are read and entries parsed (not throttled). */
	onProgress?: (blobBytes: number, entries: number) => void;
	/** Called as entries arrive, in tar order: `entries[from..]` are new (readLayer only). */
	onEntries?: (entries: LayerEntry[], from: number) => void;
	/** When all layer workers are busy, waiting layers start by this number, lowest first (readLayer only). */
	priority?: number;
	/**
	 * Paces the parse to whoever takes the entries: called with the parser's "go on",
	 * it may run it now or later (when the taker has caught up). Default: at once.
	 */
	pace?: (goOn: () => void) => void;
}

/** LayerContents without the entries: those go to `onEntry` as they are parsed. */
export type LayerFacts = Omit<LayerContents, 'entries'>;

/**
 * The reading itself, wherever it runs (a worker thread or the caller's): sniffs the
 * compression, parses the tar, hashes every regular file, verifies the blob digest and
 * diff_id. Entries are handed to `onEntry` in tar order.
 */
export async function decodeLayer(blob: Readable, options: ReadLayerOptions, onEntry: (entry: LayerEntry) => void): Promise<LayerFacts> {
	const {label} = options;
	const warnings = new WarningList(label);
	let count = 0;
	let estargz = false;

	const {head, stream} = await peek(blob, 4).catch(error => {
		throw readError(label, error);
	});
	const compression = sniffCompression(head);
	const blobMeter = new HashMeter(bytes => options.onProgress?.(bytes, count), options.expectedDigest);
	const tarMeter = new HashMeter(undefined, options.expectedDiffId);
	// gzip is inflated by the indexing gunzip where it can be: it records where inflating can resume (seek-index.ts).
	const indexer = compression === 'gzip' ? IndexingGunzip.create() : null;
	const decompressor = indexer ?? (await createDecompressor(compression));
	const starts = new EntryStarts();
	const slow = await slowDecoderWarning(compression);
	if (slow) warnings.add(`${label}: ${slow}`);
	/** Set once the promise below has made it. */
	const taker: {intake: TarIntake | null} = {intake: null};
	const stages: NodeJS.ReadWriteStream[] = decompressor ? [blobMeter, decompressor, new Handoff(), tarMeter] : [blobMeter, tarMeter];
	// The tar's taker (TarIntake, below) is fed by pipe: its failures surface as its own error.
	const feeding = pipeline([stream, ...stages] as unknown as [Readable, ...NodeJS.ReadWriteStream[]]).then(
		() => null,
		(error: unknown) => error,
	);

	const parsed = new Promise<void>((resolve, reject) => {
		let failed = false;
		let feedError: unknown = null;
		const fail = (error: unknown) => {
			if (failed) return;
			failed = true;
			// A decompression error that came first explains whatever the tar parse said after it.
			const cause = feedError ?? error;
			stream.destroy();
			intake.destroy();
			reject(cause);
		};
		void feeding.then(error => {
			if (!error) return;
			feedError = error;
			fail(error);
		});

		const add = (entry: LayerEntry, start: number | null) => {
			// (A path written twice is the model's to notice: a set of every path here would cost a copy of each.)
			if (entry.path === 'stargz.index.json') estargz = true;
			count++;
			starts.push(start);
			onEntry(entry);
		};

		const pace = options.pace;
		const scanned: ScanSink = {
			entry(header, start) {
				if (failed) throw new Error('the layer read was stopped');
				const {entry, hashed, sparse} = planEntry(header, label, warnings);
				if (!entry) return null;
				if (sparse) throw new Error('a sparse entry reached the scan (tar-scan.ts hands them over)');
				if (!hashed) {
					add(entry, start);
					return null;
				}
				return digest => {
					entry.hash = contentHash(digest);
					add(entry, start);
				};
			},
			pace,
		};
		// What the scan does not read itself, tar-stream does from there on (see tar-scan.ts).
		const readRest = (extract: tar.Extract, offset: number) => {
			extract.on('error', fail);
			// The event API, not async iteration: a big layer has hundreds of thousands of entries.
			extract.on('entry', (header, source, goOn) => {
				const next = pace ? () => pace(goOn) : goOn;
				const content = source as unknown as Readable;
				if (failed) return;
				const at = entryStart(header);
				const start = at === null ? null : offset + at;
				try {
					const {entry, name, hashed, sparse} = planEntry(header, label, warnings);
					if (!entry) {
						drain(content, header, next);
						return;
					}
					if (sparse) {
						hashSparse(content, header, new SparseHasher(sparse, header.size ?? 0, name), (error, hash, map, byMap) => {
							if (error) return fail(error);
							if (byMap) warnings.add(`${label}: sparse file "${shownName(name)}" has more than ${MAX_HOLE_BYTES} bytes of holes: compared with other files by its stored data and map, not its expanded bytes`);
							entry.hash = hash;
							entry.sparse = map!;
							try {
								add(entry, start);
							} catch (failure) {
								return fail(failure);
							}
							next();
						});
						return;
					}
					if (!hashed) {
						add(entry, start);
						drain(content, header, next);
						return;
					}
					hashContent(content, (error, hash) => {
						if (error) return fail(error);
						entry.hash = hash;
						try {
							add(entry, start);
						} catch (failure) {
							return fail(failure);
						}
						next();
					});
				} catch (error) {
					fail(error);
				}
			});
		};
		const intake = new TarIntake(scanned, readRest);
		taker.intake = intake;
		intake.on('error', fail);
		intake.on('finish', () => resolve());
		(stages.at(-1) as PassThrough).pipe(intake);
	});

	try {
		await parsed;
	} catch (error) {
		throw readError(label, error);
	}
	const rest = taker.intake?.extractor;
	const unfinished = rest ? unfinishedEntry(rest) : null;
	if (unfinished !== null) throw new PeelError(`${label} is truncated: the data ends in the sparse map of "${shownName(unfinished)}"`);
	const failure = await feeding;
	if (failure) throw readError(label, failure);
	options.onProgress?.(blobMeter.bytes, count);

	const digest = blobMeter.digest();
	const diffId = tarMeter.digest();
	if (options.expectedDigest && options.expectedDigest !== digest) {
		throw new PeelError(`${label}: blob digest mismatch: expected ${options.expectedDigest}, got ${digest} — the file is corrupt or was altered`);
	}
	if (options.expectedDiffId && options.expectedDiffId !== diffId) {
		throw new PeelError(`${label}: diff_id mismatch: the config says ${options.expectedDiffId}, the content is ${diffId} — the image is corrupt or was altered`);
	}
	if (options.expectedSize != null && options.expectedSize !== blobMeter.bytes) {
		throw new PeelError(`${label}: size mismatch: expected ${options.expectedSize} bytes, read ${blobMeter.bytes}`);
	}
	if (estargz) warnings.add(`${label}: eStargz layer (stargz.index.json and landmark files are part of the format)`);
	return {
		diffId,
		digest,
		compression,
		compressedSize: blobMeter.bytes,
		uncompressedSize: tarMeter.bytes,
		warnings: warnings.toArray(),
		seek: {blobDigest: digest, starts: starts.take(), checkpoints: indexer?.checkpoints ?? []},
	};
}

/** Skips an entry's content. Entries without data have no stream to wait for: go on at once. */
function drain(content: Readable, header: tar.Header, next: () => void): void {
	// tar-stream's own rule for entries it streams nothing for.
	if (!header.size || header.type === 'directory') {
		// Not synchronously: tar-stream would recurse through a run of empty entries.
		queueMicrotask(next);
		return;
	}
	content.on('error', noop); // the extractor reports it
	content.on('end', next);
	content.resume();
}

function noop(): void {}

/**
 * sha256 of an entry's bytes (see contentHash). Most files arrive as one chunk:
 * those are hashed in one call, without a Hash object.
 */
function hashContent(content: Readable, done: (error: unknown, hash: string | null) => void): void {
	let first: Buffer | null = null;
	let hash: Hash | null = null;
	content.on('data', (chunk: Buffer) => {
		if (hash) hash.update(chunk);
		else if (first) {
			hash = createHash('sha256').update(first).update(chunk);
			first = null;
		} else first = chunk;
	});
	content.on('error', error => done(error, null));
	content.on('end', () => done(null, contentHash(hash ? hash.digest('base64url') : hashOnce('sha256', first ?? EMPTY, 'base64url'))));
}

const EMPTY = Buffer.alloc(0);

/** A sparse file's content hash: of its expanded bytes (see SparseHasher), so it equals the unsparsed file's. */
function hashSparse(content: Readable, header: tar.Header, hasher: SparseHasher, done: (error: unknown, hash: string | null, map: LayerEntry['sparse'] | null, byMap?: boolean) => void): void {
	const finish = () => {
		let result;
		try {
			result = hasher.finish();
		} catch (error) {
			done(error, null, null);
			return;
		}
		done(null, contentHash(result.digest), result.map, result.byMap);
	};
	if (!header.size) {
		drain(content, header, finish);
		return;
	}
	let broken = false;
	content.on('data', (chunk: Buffer) => {
		if (broken) return;
		try {
			hasher.write(chunk);
		} catch (error) {
			broken = true;
			done(error, null, null);
		}
	});
	content.on('error', error => {
		if (!broken) done(error, null, null);
		broken = true;
	});
	content.on('end', () => {
		if (!broken) finish();
	});
}

export function readError(label: string, error: unknown): Error {
	if (error instanceof PeelError) return error;
	if (error instanceof CorruptEntryError) return new PeelError(`${label}: ${error.message}: the layer is corrupt (or made to break readers); refusing to read it`);
	const message = error instanceof Error ? error.message : String(error);
	if (/unexpected end of (data|file)/i.test(message)) return new PeelError(`${label} is truncated: the data ends in the middle of the archive`);
	if (/invalid tar header/i.test(message)) {
		return new PeelError(`${label} is not a valid tar archive (${message.replace(/\.$/, '')})`);
	}
	if (/incorrect header check|invalid (block type|distance|code)|unknown compression|invalid stored block|zstd|invalid|corrupt/i.test(message)) {
		return new PeelError(`${label}: corrupt compressed data (${message})`);
	}
	return new PeelError(`${label}: ${message}`);
}
