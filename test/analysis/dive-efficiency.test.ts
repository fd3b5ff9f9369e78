import {describe, expect, it} from 'vitest';
import {diveFigures} from '../../source/analysis/dive-efficiency.js';
import {diveFileOrder} from '../../source/analysis/dive-tree.js';
import {dir, file, whiteout} from '../model/entries.js';

const sized = (path: string, size: number) => file(path, 'x'.repeat(size));

describe('diveFigures (dive-compatible, quirks included)', () => {
	it('matches dive’s own efficiency test (implicit directory whited out counts 0)', () => {
		const figures = diveFigures([
			[sized('etc/nginx/nginx.conf', 2000), sized('etc/nginx/public', 3000)],
			[sized('etc/nginx/nginx.conf', 5000), sized('etc/athing', 10000)],
			[whiteout('etc', 'nginx')],
		]);
		expect(figures.efficiency).toBe(0.75);
		expect(figures.inefficientFiles).toEqual([{path: '/etc/nginx/nginx.conf', count: 2, cumulativeSize: 7000}]);
		expect(figures.wastedBytes).toBe(7000);
	});

	it('gives 1.0 for an empty or size-0 image', () => {
		expect(diveFigures([[sized('nothing', 0)], [], []]).efficiency).toBe(1);
	});

	it('counts the surviving copy as waste, and a whiteout of an explicit directory as its subtree size', () => {
		const figures = diveFigures([
			[dir('d'), sized('d/a', 100), sized('d/b', 50), sized('keep', 10)],
			[sized('keep', 10)],
			[whiteout('', 'd')],
		]);
		// keep: cum 20 min 10; d/a 100/100; d/b 50/50; /d (whiteout leaf) 150/150; the dir node d has children in layer 0 (not a leaf).
		expect(figures.inefficientFiles).toEqual([{path: '/keep', count: 2, cumulativeSize: 20}]);
		expect(figures.wastedBytes).toBe(20);
		expect(figures.efficiency).toBe((10 + 100 + 50 + 150) / (20 + 100 + 50 + 150));
		expect(figures.sizeBytes).toBe(170);
		expect(figures.userSizeBytes).toBe(10);
		expect(figures.userWastedPercent).toBe(2);
	});

	it('stops a layer at a whiteout of a missing path, leaving min -1 behind', () => {
		const figures = diveFigures([
			[sized('a', 100)],
			// Children are visited in name order: ".wh.ghost" comes before "z", so "z" is never counted.
			[whiteout('', 'ghost'), sized('z', 40)],
		]);
		// Paths: /a cum 100 min 100; /ghost cum 0 min -1.
		expect(figures.efficiency).toBe((100 - 1) / 100);
		expect(figures.inefficientFiles).toEqual([]);
	});

	it('returns NaN user-wasted percent for a single-layer image, as dive does', () => {
		expect(Number.isNaN(diveFigures([[sized('a', 1)]]).userWastedPercent)).toBe(true);
	});

	it('ignores opaque markers (dive does not read them)', () => {
		const figures = diveFigures([[sized('d/old', 100)], [{...sized('d/.wh..wh..opq', 0), kind: 'opaque'}, sized('d/new', 5)]]);
		expect(figures.efficiency).toBe(1);
		expect(figures.sizeBytes).toBe(105);
	});

	it('walks paths of any depth without recursion', () => {
		const deep = Array.from({length: 30_000}, (_, i) => `d${i % 10}`).join('/');
		const figures = diveFigures([[sized(`${deep}/f`, 7)], [sized(`${deep}/f`, 3)]]);
		expect(figures.inefficientFiles).toEqual([{path: `/${deep}/f`, count: 2, cumulativeSize: 10}]);
	});

	it('drops a path at a ".wh..wh." component but keeps the parents walked so far, as dive does', () => {
		const kept = sized('a/real', 4);
		// a/real, then a (made up: no entry of its own), child first; the dropped path adds nothing below a.
		expect(diveFileOrder([sized('a/.wh..wh..opq/c', 9), kept])).toEqual([kept, null]);
		expect(diveFileOrder([sized('b/.wh..wh..opq/c', 9)])).toEqual([null]);
	});

	it('counts a nameless whiteout under its directory path with a trailing slash', () => {
		const figures = diveFigures([[dir('d'), sized('d/x', 5)], [sized('d/.wh.', 0)], [sized('d/.wh.', 0)]]);
		expect(figures.inefficientFiles.map(f => f.path)).toContain('/d/');
	});
});
