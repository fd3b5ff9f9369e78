import {describe, expect, it} from 'vitest';
import {diveFigures} from '../../source/analysis/dive-efficiency.js';
import {diveFileOrder} from '../../source/analysis/dive-tree.js';
import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {dir, file} from '../model/entries.js';

// dive's per-layer tree takes most entries under the directory of the entry before (tar
// lists a directory's entries together) without a look-up: these orders leave that run.
const sized = (path: string, size: number) => file(path, 'x'.repeat(size));
/** dive's file list as paths, '(parent)' for a parent dive made up (no entry). */
const order = (entries: LayerEntry[]) => diveFileOrder(entries).map(e => (e ? e.path : '(parent)'));

describe("dive's tree when entries leave their directory's run", () => {
	it('puts entries back under a directory left and come back to', () => {
		// Children first, in name order; a and b were never listed, so dive makes them up.
		expect(order([sized('a/x', 1), sized('b/y', 1), sized('a/z', 1)])).toEqual(['a/x', 'a/z', '(parent)', 'b/y', '(parent)']);
		expect(order([sized('a/x', 1), sized('top', 1), sized('a/y', 1)])).toEqual(['a/x', 'a/y', '(parent)', 'top']);
	});

	it('tells a directory from a sibling whose name starts the same', () => {
		expect(order([sized('a/b/x', 1), sized('a/bc', 1), sized('a/b/y', 1), sized('ab/z', 1)])).toEqual(['a/b/x', 'a/b/y', '(parent)', 'a/bc', '(parent)', 'ab/z', '(parent)']);
	});

	it('adds a file listed before its own parent entry, and a file below a file', () => {
		expect(order([sized('d/f', 1), dir('d')])).toEqual(['d/f', 'd']);
		expect(order([sized('a', 7), sized('a/b', 3)])).toEqual(['a/b', 'a']);
	});

	it('drops every entry below a ".wh..wh.." directory, and keeps its siblings', () => {
		const entries = [sized('d/.wh..wh..plnk/1', 50), sized('d/.wh..wh..plnk/2', 60), sized('d/y', 5)];
		expect(order(entries)).toEqual(['d/y', '(parent)']);
		// The dropped entries still count in the layer's size (Σ tar header sizes).
		expect(diveFigures([entries, [sized('d/y', 5)]])).toMatchObject({sizeBytes: 120, wastedBytes: 10, efficiency: 0.5});
	});

	it('counts paths across layers listed in different orders, as dive does', () => {
		const figures = diveFigures([
			[sized('a/x', 10), sized('b/y', 20), sized('a/z', 30)],
			[sized('b/y', 20), sized('a/x', 10), sized('c', 5)],
		]);
		// a/x: 2 copies, 20 B (min 10); a/z 30; b/y: 2 copies, 40 B (min 20); c 5.
		expect(figures.efficiency).toBe((10 + 30 + 20 + 5) / (20 + 30 + 40 + 5));
		expect(figures.wastedBytes).toBe(60);
		expect(figures.inefficientFiles).toEqual([
			{path: '/b/y', count: 2, cumulativeSize: 40},
			{path: '/a/x', count: 2, cumulativeSize: 20},
		]);
	});
});
