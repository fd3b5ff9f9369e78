import {describe, expect, it} from 'vitest';
import {reclaimableBytes} from '../../source/analysis/reclaimable.js';
import {buildModel} from '../../source/model/build.js';
import {dir, file, hardlink, whiteout} from '../model/entries.js';

const bytes = (n: number, fill = 'x') => fill.repeat(n);

describe('reclaimableBytes', () => {
	it('counts N−1 of N identical copies, as rewritten-unchanged', () => {
		const model = buildModel([[file('f', bytes(100))], [file('f', bytes(100))], [file('f', bytes(100))]]);
		const figures = reclaimableBytes(model);
		expect(figures.totalBytes).toBe(200);
		expect(figures.perLayer).toEqual([100, 100, 0]);
		expect(figures.items.map(i => i.reason)).toEqual(['rewritten-unchanged', 'rewritten-unchanged']);
	});

	it('flags a chmod-only re-add as metadata-only, and counts the lower copy once', () => {
		const model = buildModel([[file('f', bytes(100))], [file('f', bytes(100), {mode: 0o755})]]);
		expect(reclaimableBytes(model).items).toEqual([{path: '/f', layer: 0, hiddenBy: 1, bytes: 100, reason: 'metadata-only'}]);
	});

	it('counts the whole lower subtree of rm -rf dir, and overwritten content', () => {
		const model = buildModel([
			[dir('cache'), file('cache/a', bytes(30)), dir('cache/sub'), file('cache/sub/b', bytes(70)), file('app', bytes(10))],
			[whiteout('', 'cache'), file('app', bytes(12, 'y'))],
		]);
		const figures = reclaimableBytes(model);
		expect(figures.totalBytes).toBe(110);
		expect(figures.items.map(i => [i.path, i.reason])).toEqual([
			['/cache/sub/b', 'removed'],
			['/cache/a', 'removed'],
			['/app', 'overwritten'],
		]);
	});

	it('counts the earlier copy of a path written twice in one layer, hidden by that same layer', () => {
		const model = buildModel([[file('keep', bytes(5))], [file('dup', bytes(40)), file('dup', bytes(7, 'y')), file('same', bytes(9)), file('same', bytes(9))]]);
		const figures = reclaimableBytes(model);
		expect(figures.items).toEqual([
			{path: '/dup', layer: 1, hiddenBy: 1, bytes: 40, reason: 'overwritten'},
			{path: '/same', layer: 1, hiddenBy: 1, bytes: 9, reason: 'overwritten'},
		]);
		expect(figures.perLayer).toEqual([0, 49]);
		expect(figures.totalBytes).toBe(49);
	});

	it('counts a same-layer copy hidden by a later layer once, and not one a visible hardlink keeps', () => {
		const model = buildModel([[file('f', bytes(10)), file('f', bytes(20, 'y'))], [whiteout('', 'f')]]);
		expect(reclaimableBytes(model).items.map(i => [i.layer, i.hiddenBy, i.bytes, i.reason])).toEqual([
			[0, 1, 20, 'removed'],
			[0, 0, 10, 'overwritten'],
		]);
		const linked = buildModel([[file('a', bytes(30)), hardlink('b', 'a'), file('a', bytes(4, 'z'))]]);
		expect(reclaimableBytes(linked).totalBytes).toBe(0);
	});

	it('does not count bytes still visible through a hardlink', () => {
		const model = buildModel([[file('orig', bytes(50)), hardlink('link', 'orig')], [whiteout('', 'orig')]]);
		expect(reclaimableBytes(model).totalBytes).toBe(0);
	});
});
