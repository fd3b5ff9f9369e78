import v8 from 'node:v8';
import {EntryBatcher, unpackEntries, type EntryBatch} from '../layers/entry-batch.js';
import type {LayerContents, LayerEntry, SparseMap} from '../layers/layer-entry.js';

/** A layer's label ("layer 3 (sha256:…)") is where it sits in one image: warnings keep a mark in its place. */
const LABEL_MARK = '\u0000layer\u0000';

/** A string column: one string split on NUL (names cannot hold one; checked) and where the nulls were. */
interface PackedStrings {
	joined: string;
	count: number;
	nulls: Uint8Array | null;
}

/**
 * A layer's contents as the cache keeps them: the entries as the layer threads hand them
 * over (typed arrays, one string per column), so that reading them back costs a few big
 * copies and the same unpacking as a fresh read — and yields identical entries.
 */
export function encodeLayer(contents: LayerContents, label: string): Buffer {
	const batcher = new EntryBatcher();
	for (const entry of contents.entries) batcher.add(entry);
	const batch = batcher.take() as unknown as Record<string, unknown>;
	const columns: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(batch)) columns[key] = packable(value) ? packStrings(value) ?? value : value;
	const {entries: _entries, ...rest} = contents;
	const warnings = contents.warnings.map(warning => warning.split(label).join(LABEL_MARK));
	return v8.serialize({rest: {...rest, warnings}, columns});
}

/**
 * A cached layer unpacked a slice at a time: an explorer's first frame needs the first
 * few thousand entries of layer 0, not all of them (unpacking a big layer took ~0.1 s of
 * the bench image's first frame). The columns are checked when opened, so that what
 * follows cannot fail half-way.
 */
export class CachedLayerReader {
	readonly count: number;
	private readonly rest: Omit<LayerContents, 'entries'>;
	private readonly paths: StringColumn;
	private readonly linkTargets: StringColumn;
	private readonly hashes: StringColumn;
	private readonly small: Int32Array;
	private readonly large: Float64Array;
	private readonly sparse: Array<[number, SparseMap]>;
	private at = 0;

	constructor(
		payload: Buffer,
		private readonly label: string,
	) {
		const {rest, columns} = v8.deserialize(payload) as {rest: Omit<LayerContents, 'entries'>; columns: Record<string, unknown>};
		this.rest = rest;
		const {small, large} = columns as Partial<EntryBatch>;
		// No sparse files: an empty column, packed like the string ones.
		const sparse = isPacked(columns['sparse']) && columns['sparse'].count === 0 ? [] : columns['sparse'];
		if (!(small instanceof Int32Array) || !(large instanceof Float64Array) || !Array.isArray(sparse)) throw new Error('its number columns are missing');
		this.count = small.length / 3;
		if (!Number.isInteger(this.count) || large.length !== small.length) throw new Error('its number columns differ in length');
		// Checked now: unpacking later, slice by slice, must not fail half-way.
		for (const item of sparse as unknown[]) {
			if (!Array.isArray(item) || !Number.isInteger(item[0]) || item[0] < 0 || item[0] >= this.count || typeof item[1] !== 'object' || item[1] === null) throw new Error('its sparse-file column is not one');
		}
		this.small = small;
		this.large = large;
		this.sparse = sparse as Array<[number, SparseMap]>;
		this.paths = new StringColumn(columns['paths'], this.count);
		this.linkTargets = new StringColumn(columns['linkTargets'], this.count);
		this.hashes = new StringColumn(columns['hashes'], this.count);
	}

	get done(): boolean {
		return this.at === this.count;
	}

	/** Appends up to `n` more entries to `into`: the entries as the layer threads handed them over. */
	next(n: number, into: LayerEntry[]): void {
		const from = this.at;
		const to = Math.min(this.count, from + n);
		if (to === from) return;
		const batch: EntryBatch = {
			paths: this.paths.slice(from, to) as string[],
			small: this.small.subarray(from * 3, to * 3),
			large: this.large.subarray(from * 3, to * 3),
			linkTargets: this.linkTargets.slice(from, to),
			hashes: this.hashes.slice(from, to),
			sparse: this.sparse.filter(([index]) => index >= from && index < to).map(([index, map]) => [index - from, map]),
		};
		unpackEntries(batch, into);
		this.at = to;
	}

	/** The layer, with the entries `next` gave. */
	contents(entries: LayerEntry[]): LayerContents {
		// A copy of the exact length, as a layer read afresh has (see worker-task.ts).
		return {...this.rest, entries: entries.slice(), warnings: this.rest.warnings.map(warning => warning.split(LABEL_MARK).join(this.label))};
	}
}

/** A column of strings, packed (see packStrings) or plain, read by index. */
class StringColumn {
	private readonly plain: Array<string | null> | null = null;
	private readonly packed: PackedStrings | null = null;
	/** Where each packed string starts; one more for the end. */
	private readonly starts: Int32Array | null = null;

	constructor(value: unknown, count: number) {
		if (isPacked(value)) {
			if (value.count !== count) throw new Error(`a string column holds ${value.count} values, not ${count}`);
			this.packed = value;
			this.starts = new Int32Array(count + 1);
			let at = 0;
			for (let i = 1; i < count; i++) {
				at = value.joined.indexOf('\u0000', at) + 1;
				if (at === 0) throw new Error(`a string column holds ${i} values, not ${count}`);
				this.starts[i] = at;
			}
			if (count > 0 && value.joined.indexOf('\u0000', at) !== -1) throw new Error(`a string column holds more than ${count} values`);
			this.starts[count] = value.joined.length + 1;
		} else if (Array.isArray(value) && value.length === count && value.every(item => item === null || typeof item === 'string')) {
			this.plain = value as Array<string | null>;
		} else {
			throw new Error('a string column is not one');
		}
	}

	slice(from: number, to: number): Array<string | null> {
		if (this.plain) return this.plain.slice(from, to);
		const {joined, nulls} = this.packed!;
		const starts = this.starts!;
		const strings: Array<string | null> = new Array(to - from);
		for (let i = from; i < to; i++) strings[i - from] = nulls?.[i] ? null : joined.slice(starts[i]!, starts[i + 1]! - 1);
		return strings;
	}
}

function packable(value: unknown): value is Array<string | null> {
	return Array.isArray(value) && value.every(item => item === null || typeof item === 'string');
}

function packStrings(values: Array<string | null>): PackedStrings | null {
	let nulls: Uint8Array | null = null;
	const strings = values.map((value, i) => {
		if (value !== null) return value;
		(nulls ??= new Uint8Array(values.length))[i] = 1;
		return '';
	});
	if (strings.some(value => value.includes('\u0000'))) return null;
	return {joined: strings.join('\u0000'), count: values.length, nulls};
}

function isPacked(value: unknown): value is PackedStrings {
	return typeof value === 'object' && value !== null && typeof (value as PackedStrings).joined === 'string' && typeof (value as PackedStrings).count === 'number';
}
