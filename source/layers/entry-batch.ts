import {compactEntry, ENTRY_KINDS} from './compact-entry.js';
import {EMPTY_HASH} from './decode-layer.js';
import type {LayerEntry, SparseMap} from './layer-entry.js';

/**
 * Layer entries packed for postMessage: numbers in one typed array (transferred, not
 * copied), strings in plain arrays. Cloning a few arrays is far cheaper than cloning
 * thousands of small objects.
 */
export interface EntryBatch {
	paths: string[];
	/** Per entry: kind code, typeFlag, mode. */
	small: Int32Array;
	/** Per entry: size, uid, gid (any of them may pass 2^31). */
	large: Float64Array;
	linkTargets: Array<string | null>;
	hashes: Array<string | null>;
	/** [index in this batch, map] of the few sparse files. */
	sparse: Array<[number, SparseMap]>;
}

const KIND_CODES = new Map(ENTRY_KINDS.map((kind, code) => [kind, code]));

export class EntryBatcher {
	private paths: string[] = [];
	private small: number[] = [];
	private large: number[] = [];
	private linkTargets: Array<string | null> = [];
	private hashes: Array<string | null> = [];
	private sparse: Array<[number, SparseMap]> = [];

	get size(): number {
		return this.paths.length;
	}

	add(entry: LayerEntry): void {
		this.paths.push(entry.path);
		this.small.push(KIND_CODES.get(entry.kind)!, entry.typeFlag, entry.mode);
		this.large.push(entry.size, entry.uid, entry.gid);
		this.linkTargets.push(entry.linkTarget);
		this.hashes.push(entry.hash);
		if (entry.sparse) this.sparse.push([this.paths.length - 1, entry.sparse]);
	}

	/** The batch so far, and a fresh start. */
	take(): EntryBatch {
		const batch = {paths: this.paths, small: Int32Array.from(this.small), large: Float64Array.from(this.large), linkTargets: this.linkTargets, hashes: this.hashes, sparse: this.sparse};
		this.paths = [];
		this.small = [];
		this.large = [];
		this.linkTargets = [];
		this.hashes = [];
		this.sparse = [];
		return batch;
	}
}

/**
 * Appends the batch's entries to `into`, as compact LayerEntry objects (see compactEntry).
 * Numbers are made small integers where they fit: a number read from a Float64Array would
 * otherwise be stored boxed, in every entry.
 */
export function unpackEntries(batch: EntryBatch, into: LayerEntry[]): void {
	const {paths, small, large, linkTargets, hashes, sparse} = batch;
	const start = into.length;
	for (let i = 0, n = 0; i < paths.length; i++, n += 3) {
		// Empty files are common (and a hostile layer can hold a million): one string for all of them.
		const hash = hashes[i] === EMPTY_HASH ? EMPTY_HASH : hashes[i]!;
		into.push(compactEntry(paths[i]!, small[n]!, small[n + 1]!, integer(large[n]!), small[n + 2]!, integer(large[n + 1]!), integer(large[n + 2]!), linkTargets[i]!, hash));
	}
	for (const [index, map] of sparse) into[start + index]!.sparse = map;
}

function integer(value: number): number {
	return (value | 0) === value ? value | 0 : value;
}
