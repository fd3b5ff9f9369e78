import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {JsonRows} from '../../source/report/json-rows.js';
import {JsonWriter} from '../../source/report/json-writer.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();
let count = 0;

function written(value: unknown): string {
	const file = path.join(dir, `out-${count++}.json`);
	const writer = JsonWriter.toFile(file);
	writer.write(value);
	writer.close();
	return readFileSync(file, 'utf8');
}

function nested(depth: number, leaf: unknown, wrap: (inner: unknown, level: number) => unknown): unknown {
	let value = leaf;
	for (let level = 0; level < depth; level++) value = wrap(value, level);
	return value;
}

/** Generators turned into arrays: what JSON.stringify is given to compare with. */
function materialized(value: unknown): unknown {
	if (value instanceof JsonRows) return [...value.items];
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value) || Symbol.iterator in value) return [...(value as Iterable<unknown>)].map(materialized);
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialized(v)]));
}

describe('JsonWriter', () => {
	test('writes what JSON.stringify(value, null, 2) writes, generators included, 1,000 deep', () => {
		const value = {
			a: nested(1000, 'leaf', (inner, level) => (level % 3 === 0 ? [inner, level] : level % 3 === 1 ? {k: inner, skip: undefined, n: null} : (function* () { yield inner; yield 'x'; })())),
			empty: {list: [], object: {}, gone: undefined},
			long: Array.from({length: 100}, (_, i) => ({i, s: `\u0000${i}"`})),
		};
		// Each generator can be walked once: build a second copy for the reference.
		const reference = {
			a: nested(1000, 'leaf', (inner, level) => (level % 3 === 0 ? [inner, level] : level % 3 === 1 ? {k: inner, skip: undefined, n: null} : [inner, 'x'])),
			empty: value.empty,
			long: value.long,
		};
		expect(written(value)).toBe(JSON.stringify(reference, null, 2) + '\n');
	});

	test('a value deeper than JSON.stringify can go is written, and parses back to itself', () => {
		// 6,000 arrays: JSON.stringify with indentation overflows near 4,500 here; the
		// pretty-printed text grows with the square of the depth (72 MB), so no deeper.
		const depth = 6_000;
		const deep = nested(depth, 'bottom', inner => [inner]);
		expect(() => JSON.stringify(deep, null, 2)).toThrow(RangeError);
		let value: unknown = JSON.parse(written(deep));
		for (let level = 0; level < depth; level++) {
			expect(Array.isArray(value) && value.length === 1).toBe(true);
			value = (value as unknown[])[0];
		}
		expect(value).toBe('bottom');
	}, 60_000);

	test('JsonRows inside objects are written as their rows', () => {
		const rows = new JsonRows([{p: 'a'}, {p: 'b'}], ['p'], (item, k) => `${k[0]}${JSON.stringify(item.p)}${k[1]}`);
		const value = {x: {rows}};
		expect(written(value)).toBe(JSON.stringify(materialized({x: {rows: [{p: 'a'}, {p: 'b'}]}}), null, 2) + '\n');
	});
});
