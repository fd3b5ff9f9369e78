import {createRequire} from 'node:module';
import path from 'node:path';
import tar from 'tar-stream';
import {escapeText} from '../text/escape.js';
import {readPaxRecords} from './pax-records.js';

/**
 * tar-stream 3 does all of peel's tar parsing; this shim fills the two gaps it has, at the
 * one place it decodes a header block (its `headers` module, which extract.js calls through),
 * and only for extractors made by createExtract:
 *
 * - Old GNU sparse files (typeflag 'S'): tar-stream knows neither the sparse map in the
 *   header nor the extension blocks that follow it when the map has more than 4 regions,
 *   so it takes those blocks for file data and loses its place. Here the 'S' header is held
 *   back while its extension blocks are read (each reported to tar-stream as an empty
 *   block, which it skips), then handed over with the whole map: tar-stream then streams
 *   exactly the stored data, from the right offset.
 * - PAX records are read strictly (pax-records.ts); a corrupt one is flagged on the header
 *   for decode-layer to refuse by the entry's name.
 *
 * Plus Go's archive/tar bound on special headers (PAX, GNU long names, sparse maps: 1 MiB;
 * tar-stream allows 4). Per-extractor state is made current while that extractor parses:
 * tar-stream decodes synchronously inside its `_update`, so one wrapper on it suffices.
 */

/** Go's archive/tar maxSpecialFileSize: no engine reads a longer PAX header, long name or sparse map. */
export const MAX_SPECIAL_BYTES = 1 << 20;

/** A problem with one tar entry (decode-layer adds the layer's name). */
export class CorruptEntryError extends Error {}

/** The sparse map of an old GNU sparse header: [offset, length, offset, length, …] and the real size. */
export interface OldGnuSparse {
	regions: number[];
	realSize: number;
}

/** Set on a PAX header's records when they did not parse. */
export const PAX_PROBLEM = Symbol('pax problem');

type Header = tar.Header & {sparse?: OldGnuSparse; pax?: Record<string, string> | null};
type Decode = (block: Uint8Array, encoding: string, allowUnknownFormat: boolean) => Header | null;

interface ExtractState {
	/** An 'S' header whose extension blocks are still being read. */
	held: Header | null;
	extensionBytes: number;
	/** The extractor's offset of the header block being decoded (tar-stream's `_offset`), or null if unknown. */
	blockOffset: () => number | null;
	/** Offset of the first record (PAX, GNU long name, …) of the entry being read. */
	groupStart: number | null;
	/** A PAX global header was seen: entries after it cannot be re-read on their own. */
	global: boolean;
}

/** Set on an entry's header: the offset of its first tar record in the extractor's input (see entryStart). */
const ENTRY_START = Symbol('entry start');

const require = createRequire(import.meta.url);
// The package's exports hide headers.js; by its file path it is the very module extract.js uses.
const headers = require(path.join(path.dirname(require.resolve('tar-stream')), 'headers.js')) as {decode: Decode; decodePax: (data: Uint8Array) => Record<string, string>};
const originalDecode = headers.decode;
const originalDecodePax = headers.decodePax;
if (typeof originalDecode !== 'function' || typeof originalDecodePax !== 'function') throw new Error('tar-stream changed: headers.decode/decodePax are gone (see tar-shim.ts)');

const states = new WeakMap<object, ExtractState>();
let active: ExtractState | null = null;

const SPECIAL = new Set(['pax-header', 'pax-global-header', 'gnu-long-path', 'gnu-long-link-path']);
const TYPEFLAG_OLD_GNU_SPARSE = 0x53; // 'S'

headers.decode = function decode(block, encoding, allowUnknownFormat) {
	const state = active;
	if (!state) return originalDecode(block, encoding, allowUnknownFormat);
	if (state.held) return markStart(state, readExtension(state, block));
	state.groupStart ??= state.blockOffset();
	const header = originalDecode(block, encoding, allowUnknownFormat);
	if (!header) {
		state.groupStart = null; // a zero block
		return header;
	}
	if ((header.type as string) === 'pax-global-header') state.global = true;
	if (!(header.size! >= 0)) throw new CorruptEntryError(`entry "${shownName(header.name)}" has a negative size`);
	if (SPECIAL.has(header.type!) && header.size! > MAX_SPECIAL_BYTES) {
		throw new CorruptEntryError(`the ${header.type} record "${shownName(header.name)}" is ${header.size} bytes; peel, like Go's archive/tar, reads at most ${MAX_SPECIAL_BYTES}`);
	}
	if (header.type === null && block[156] === TYPEFLAG_OLD_GNU_SPARSE) {
		header.sparse = {regions: [], realSize: numeric(block, 483, 12)};
		addRegions(header.sparse, block, 386, 4);
		if (block[482]) {
			state.held = header;
			state.extensionBytes = 0;
			return null; // tar-stream skips it like an empty block; the header comes after the extensions
		}
	}
	return SPECIAL.has(header.type!) ? header : markStart(state, header);
};

/** An entry's own header: it carries where its first record began, and the next entry starts afresh. */
function markStart(state: ExtractState, header: Header | null): Header | null {
	if (!header) return header;
	(header as Header & {[ENTRY_START]?: number | null})[ENTRY_START] = state.global ? null : state.groupStart;
	state.groupStart = null;
	return header;
}

headers.decodePax = function decodePax(data) {
	if (!active) return originalDecodePax(data);
	const {records, problem} = readPaxRecords(data);
	// A symbol key survives tar-stream's Object.assign of global and entry records.
	if (problem) (records as Record<symbol, string>)[PAX_PROBLEM] = problem;
	return records;
};

/** One extension block: 21 more regions, and whether another block follows. */
function readExtension(state: ExtractState, block: Uint8Array): Header | null {
	const held = state.held!;
	state.extensionBytes += 512;
	if (state.extensionBytes > MAX_SPECIAL_BYTES) {
		throw new CorruptEntryError(`entry "${shownName(held.name)}" has a sparse map of more than ${MAX_SPECIAL_BYTES} bytes; peel, like Go's archive/tar, reads at most that`);
	}
	addRegions(held.sparse!, block, 0, 21);
	if (block[504]) return null;
	state.held = null;
	return held;
}

/** Sparse entries are 12-byte offset and 12-byte length fields; GNU and Go stop at one whose offset starts with NUL. */
function addRegions(sparse: OldGnuSparse, block: Uint8Array, at: number, count: number): void {
	for (let i = 0; i < count; i++, at += 24) {
		if (block[at] === 0) return;
		sparse.regions.push(numeric(block, at, 12), numeric(block, at + 12, 12));
	}
}

/** A GNU numeric field: octal (space or NUL padded) or base-256 (high bit set); NaN if neither. */
function numeric(block: Uint8Array, at: number, width: number): number {
	if (block[at]! & 0x80) {
		if (block[at] !== 0x80) return Number.NaN; // negative
		let value = 0;
		for (let i = 1; i < width; i++) value = value * 256 + block[at + i]!;
		return value;
	}
	const text = Buffer.from(block.subarray(at, at + width)).toString('latin1').replace(/[\0 ]+$/, '').replace(/^[ 0\0]+(?=.)/, '');
	return /^[0-7]*$/.test(text) ? (text === '' ? 0 : Number.parseInt(text, 8)) : Number.NaN;
}

/** tar-stream's extractor (v7 tars allowed, names as raw bytes: see decodeEntryName) with the shim above. */
export function createExtract(): tar.Extract {
	const extract = tar.extract({allowUnknownFormat: true, filenameEncoding: 'binary'} as Parameters<typeof tar.extract>[0]);
	const self = extract as unknown as {_update: (...args: unknown[]) => unknown; _offset?: unknown};
	const state: ExtractState = {
		held: null,
		extensionBytes: 0,
		blockOffset: () => (typeof self._offset === 'number' ? self._offset : null),
		groupStart: null,
		global: false,
	};
	const update = self._update;
	if (typeof update !== 'function') throw new Error('tar-stream changed: Extract._update is gone (see tar-shim.ts)');
	self._update = function (this: unknown, ...args: unknown[]) {
		const outer = active;
		active = state;
		try {
			return update.apply(this, args);
		} finally {
			active = outer;
		}
	};
	states.set(extract, state);
	return extract;
}

/**
 * Where an entry's first tar record (its PAX or GNU long-name header, else its own header)
 * starts, counted from the first byte the extractor was given; null when unknown, or
 * after a PAX global header (whose records the entry would lose if read on its own).
 * The seek index keeps it, so that the entry can later be parsed again by itself.
 */
export function entryStart(header: tar.Header): number | null {
	const start = (header as Header & {[ENTRY_START]?: number | null})[ENTRY_START];
	return typeof start === 'number' ? start : null;
}

/** The name of an old GNU sparse entry whose extension blocks never ended (the data stopped inside them). */
export function unfinishedEntry(extract: tar.Extract): string | null {
	return states.get(extract)?.held?.name ?? null;
}

/** A raw (latin1) name, escaped and cut for an error line. */
export function shownName(name: string): string {
	return escapeText(name, 160);
}

export function paxProblem(header: tar.Header): string | null {
	const pax = (header as Header).pax as Record<symbol, string> | null | undefined;
	return pax?.[PAX_PROBLEM] ?? null;
}

export function oldGnuSparse(header: tar.Header): OldGnuSparse | null {
	return (header as Header).sparse ?? null;
}
