import v8 from 'node:v8';
import type {EntryBatch} from '../layers/entry-batch.js';
import type {LayerContents} from '../layers/layer-entry.js';

/**
 * Reading a cached layer back (layer-codec.ts writes it), as far as the entries' columns:
 * what the cache's thread does. No runtime import of the layer reader's modules, so that
 * thread starts small.
 */

/** A layer's label ("layer 3 (sha256:…)") is where it sits in one image: warnings keep a mark in its place. */
export const LABEL_MARK = '\u0000layer\u0000';

/** A string column: one string split on NUL (names cannot hold one; checked) and where the nulls were. */
export interface PackedStrings {
	joined: string;
	count: number;
	nulls: Uint8Array | null;
}

/** What a cached layer holds besides its entries. */
export type CachedRest = Omit<LayerContents, 'entries'>;

/** A cached layer read back as far as the entries' columns (what the reading thread hands over); checked to be whole. */
export function decodeColumns(payload: Buffer): {rest: CachedRest; batch: EntryBatch} {
	const {rest, columns} = v8.deserialize(payload) as {rest: CachedRest; columns: Record<string, unknown>};
	const batch: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(columns)) batch[key] = isPacked(value) ? unpackStrings(value) : value;
	const checked = batch as unknown as EntryBatch;
	const count = checked.paths?.length;
	const whole =
		Array.isArray(checked.paths) &&
		checked.small instanceof Int32Array &&
		checked.small.length === count * 3 &&
		checked.large instanceof Float64Array &&
		checked.large.length === count * 3 &&
		checked.linkTargets?.length === count &&
		checked.hashes?.length === count &&
		Array.isArray(checked.sparse) &&
		Array.isArray(rest?.warnings);
	if (!whole) throw new Error('its columns do not fit together');
	return {rest, batch: checked};
}

/** Entries `from`…`to` of a batch, as a batch of their own (typed arrays copied, so they can be transferred). */
export function sliceBatch(batch: EntryBatch, from: number, to: number): EntryBatch {
	return {
		paths: batch.paths.slice(from, to),
		small: batch.small.slice(from * 3, to * 3),
		large: batch.large.slice(from * 3, to * 3),
		linkTargets: batch.linkTargets.slice(from, to),
		hashes: batch.hashes.slice(from, to),
		sparse: batch.sparse.filter(([index]) => index >= from && index < to).map(([index, map]) => [index - from, map]),
	};
}

/** The warnings of a cached layer as they read in this image (where the layer sits). */
export function labelled(rest: CachedRest, label: string): CachedRest {
	return {...rest, warnings: rest.warnings.map(warning => warning.split(LABEL_MARK).join(label))};
}

function isPacked(value: unknown): value is PackedStrings {
	return typeof value === 'object' && value !== null && typeof (value as PackedStrings).joined === 'string' && typeof (value as PackedStrings).count === 'number';
}

function unpackStrings(packed: PackedStrings): Array<string | null> {
	const strings: Array<string | null> = packed.count === 0 ? [] : packed.joined.split('\u0000');
	if (strings.length !== packed.count) throw new Error(`a string column holds ${strings.length} values, not ${packed.count}`);
	if (packed.nulls) for (let i = 0; i < strings.length; i++) if (packed.nulls[i]) strings[i] = null;
	return strings;
}
