import v8 from 'node:v8';
import {EntryBatcher, unpackEntries, type EntryBatch} from '../layers/entry-batch.js';
import type {LayerContents, LayerEntry} from '../layers/layer-entry.js';

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

export function decodeLayer(payload: Buffer, label: string): LayerContents {
	const {rest, columns} = v8.deserialize(payload) as {rest: Omit<LayerContents, 'entries'>; columns: Record<string, unknown>};
	const batch: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(columns)) batch[key] = isPacked(value) ? unpackStrings(value) : value;
	const entries: LayerEntry[] = [];
	unpackEntries(batch as unknown as EntryBatch, entries);
	return {...rest, entries, warnings: rest.warnings.map(warning => warning.split(LABEL_MARK).join(label))};
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

function unpackStrings(packed: PackedStrings): Array<string | null> {
	const strings: Array<string | null> = packed.count === 0 ? [] : packed.joined.split('\u0000');
	if (strings.length !== packed.count) throw new Error(`a string column holds ${strings.length} values, not ${packed.count}`);
	if (packed.nulls) for (let i = 0; i < strings.length; i++) if (packed.nulls[i]) strings[i] = null;
	return strings;
}
