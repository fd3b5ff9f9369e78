import v8 from 'node:v8';
import {EntryBatcher, type EntryBatch} from '../layers/entry-batch.js';
import type {LayerContents} from '../layers/layer-entry.js';
import {LABEL_MARK, type PackedStrings} from './layer-columns.js';

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
