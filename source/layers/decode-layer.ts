import {createHash, hash as hashOnce, type Hash} from 'node:crypto';
import type {PassThrough, Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import type tar from 'tar-stream';
import {PeelError} from '../errors.js';
import {classifyName, fileTypeOf} from './classify-entry.js';
import {createDecompressor, slowDecoderWarning} from './decompress.js';
import {decodeEntryName} from './decode-name.js';
import {pathTooDeep, tooLong} from './entry-limits.js';
import {Handoff} from './handoff.js';
import {HashMeter} from './hash-meter.js';
import type {FileType, LayerContents, LayerEntry} from './layer-entry.js';
import {normalizeEntryPath} from './normalize-path.js';
import {parseDecimal} from './pax-records.js';
import {peek} from './peek.js';
import {sniffCompression} from './sniff-compression.js';
import {MAX_HOLE_BYTES, SparseHasher, sparsePlan} from './sparse-entry.js';
import {IndexingGunzip} from './indexing-gunzip.js';
import {EntryStarts} from './seek-index.js';
import {CorruptEntryError, createExtract, entryStart, paxProblem, shownName, unfinishedEntry} from './tar-shim.js';
import {WarningList} from '../warnings.js';

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

const typeFlags: Record<string, number> = {
	file: 48,
	link: 49,
	symlink: 50,
	'character-device': 51,
	'block-device': 52,
	directory: 53,
	fifo: 54,
	'contiguous-file': 55,
};

/** 'S': Go keeps an old GNU sparse file's typeflag, so dive exports it. */
const OLD_GNU_SPARSE = 83;

const typeflagNames: Record<string, string> = {
	file: '0',
	link: '1',
	symlink: '2',
	'character-device': '3',
	'block-device': '4',
	directory: '5',
	fifo: '6',
	'contiguous-file': '7',
};

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
	const extract = createExtract();
	const stages: NodeJS.ReadWriteStream[] = decompressor ? [blobMeter, decompressor, new Handoff(), tarMeter] : [blobMeter, tarMeter];
	// tar-stream is a streamx stream: fed by pipe, its failures surface as its own error.
	const feeding = pipeline([stream, ...stages] as unknown as [Readable, ...NodeJS.ReadWriteStream[]]).then(
		() => null,
		(error: unknown) => error,
	);
	(stages.at(-1) as PassThrough).pipe(extract as unknown as NodeJS.WritableStream);

	const parsed = new Promise<void>((resolve, reject) => {
		let failed = false;
		let feedError: unknown = null;
		const fail = (error: unknown) => {
			if (failed) return;
			failed = true;
			// A decompression error that came first explains whatever tar-stream said after it.
			const cause = feedError ?? error;
			stream.destroy();
			extract.destroy();
			reject(cause);
		};
		void feeding.then(error => {
			if (!error) return;
			feedError = error;
			fail(error);
		});
		extract.on('error', fail);
		extract.on('finish', () => resolve());

		const add = (entry: LayerEntry, start: number | null) => {
			// (A path written twice is the model's to notice: a set of every path here would cost a copy of each.)
			if (entry.path === 'stargz.index.json') estargz = true;
			count++;
			starts.push(start);
			onEntry(entry);
		};

		// The event API, not async iteration: a big layer has hundreds of thousands of entries.
		const pace = options.pace;
		extract.on('entry', (header, source, goOn) => {
			const next = pace ? () => pace(goOn) : goOn;
			const content = source as unknown as Readable;
			if (failed) return;
			const start = entryStart(header);
			try {
				const problem = paxProblem(header);
				if (problem) throw new CorruptEntryError(`entry "${shownName(header.name)}": ${problem}`);
				const sparse = sparsePlan(header, header.name);
				const typeName = header.type ?? null;
				let type: FileType | null = sparse ? 'file' : typeName ? fileTypeOf(typeflagNames[typeName] ?? '') : null;
				// Old tars mark directories by a trailing slash only; tar-stream types them before noticing.
				if (type === 'file' && header.name.endsWith('/') && (header.size ?? 0) === 0) type = 'dir';
				const rawName = sparse?.name ?? header.name;
				const fromPax = sparse?.name ? true : hasPax(header, 'path');
				const nameTooLong = tooLong(rawName, rawName, fromPax, 'path');
				if (nameTooLong) throw new CorruptEntryError(nameTooLong);
				const name = decodeEntryName(rawName, fromPax);
				if (!type) {
					// Unknown types (volume headers, …) are skipped, not fatal.
					warnings.add(`${label}: skipped "${name}": unsupported tar entry type`);
					drain(content, header, next);
					return;
				}
				const path = normalizeEntryPath(name);
				if (path === null) throw new PeelError(`${label}: entry "${shownName(name)}" points outside the image root: refusing to read this layer`);
				const tooDeep = pathTooDeep(path);
				if (tooDeep) throw new CorruptEntryError(tooDeep);
				const size = sparse ? sparse.realSize : header.size ?? 0;
				if (path === '') {
					drain(content, header, next); // the root directory itself
					return;
				}
				const linkTooLong = header.linkname ? tooLong(name, header.linkname, hasPax(header, 'linkpath'), 'link target') : null;
				if (linkTooLong) throw new CorruptEntryError(linkTooLong);
				let linkTarget: string | null = header.linkname ? decodeEntryName(header.linkname, hasPax(header, 'linkpath')) : null;
				if (type === 'hardlink' && linkTarget !== null) {
					const target = normalizeEntryPath(linkTarget);
					if (target === null || target === '') {
						throw new PeelError(`${label}: hardlink "${shownName(name)}" points outside the image root: refusing to read this layer`);
					}
					linkTarget = target;
				}
				const entry: LayerEntry = {
					path,
					kind: classifyName(path, type),
					typeFlag: type === 'dir' ? 53 : sparse && !typeName ? OLD_GNU_SPARSE : typeFlags[typeName!] ?? 48,
					size,
					mode: (header.mode ?? 0) & 0o7777,
					// PAX records override the header's fields (POSIX); tar-stream applies only path, linkpath and size.
					uid: paxNumber(header, 'uid') ?? header.uid ?? 0,
					gid: paxNumber(header, 'gid') ?? header.gid ?? 0,
					linkTarget,
					hash: null,
				};
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
				if (type !== 'file' || size === 0) {
					if (type === 'file') entry.hash = EMPTY_HASH;
					add(entry, start);
					drain(content, header, next);
					return;
				}
				hashContent(content, size, hash => {
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
	});

	try {
		await parsed;
	} catch (error) {
		throw readError(label, error);
	}
	const unfinished = unfinishedEntry(extract);
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
 * sha256 of an entry's bytes (see contentHash). tar-stream streams exactly `size` bytes:
 * the last chunk is known by the count, so that no 'end' listener is needed per entry
 * (and tar-stream goes on to the next header at once). Most files arrive as one chunk:
 * those are hashed in one call, without a Hash object. A failure mid-entry is the
 * extractor's to report (it fails the layer); the entry's own stream just goes quiet.
 */
function hashContent(content: Readable, size: number, done: (hash: string) => void): void {
	let first: Buffer | null = null;
	let hash: Hash | null = null;
	let left = size;
	content.on('error', noop);
	content.on('data', (chunk: Buffer) => {
		left -= chunk.length;
		if (hash) hash.update(chunk);
		else if (first) {
			hash = createHash('sha256').update(first).update(chunk);
			first = null;
		} else if (left === 0) {
			done(contentHash(hashOnce('sha256', chunk, 'base64url')));
			return;
		} else first = chunk;
		if (left === 0) done(contentHash(hash!.digest('base64url')));
	});
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

/**
 * A sha256 digest in base64url, cut to 22 characters: 132 bits, too many to collide even
 * on purpose, in a third less memory than hex (for every file of an image). Cut from the
 * text, not the bytes: no Buffer per file.
 */
export function contentHash(digest: string): string {
	return digest.slice(0, 22);
}

/** The content hash of an empty file. */
export const EMPTY_HASH = contentHash(hashOnce('sha256', EMPTY, 'base64url'));

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

/** A numeric PAX record (already checked to be a decimal integer by readPaxRecords), or null. */
function paxNumber(header: object, key: string): number | null {
	const value = (header as {pax?: Record<string, string> | null}).pax?.[key];
	return value === undefined ? null : parseDecimal(value);
}

function hasPax(header: object, key: string): boolean {
	const pax = (header as {pax?: Record<string, string> | null}).pax;
	return Boolean(pax?.[key]);
}
