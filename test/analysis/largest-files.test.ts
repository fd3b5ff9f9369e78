import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {largestStoredFiles, type StoredFile} from '../../source/analysis/largest-files.js';
import {topK} from '../../source/analysis/top-k.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {deterministicBytes} from '../fixtures/random.js';
import {tempDir} from '../helpers/temp-dir.js';
import {loadArchive} from '../ui/helpers/load-fixture.js';
import {expectedOrder, largestSpec, libPath} from './largest-fixture.js';

let image: AnalyzedImage;

beforeAll(async () => {
	const archive = path.join(tempDir('peel-largest-'), 'largest.tar');
	await writeDockerArchiveLegacy(archive, [{image: await buildImage(largestSpec), repoTags: ['largest:1']}]);
	image = await loadArchive(archive);
});

const shape = (rows: StoredFile[]) =>
	rows.map(row => ({path: row.node.path, layer: row.layer, size: row.size, change: row.change, hiddenBy: row.hidden?.layer ?? null, reclaimable: row.reclaimable}));

describe('largestStoredFiles, on a real archive of known contents', () => {
	it('lists every stored version of a regular file by size, one row per layer that stored it', () => {
		expect(shape(largestStoredFiles(image.model, {count: 1000, order: 'size'}))).toEqual(expectedOrder('size'));
	});

	it('sorts by reclaimable bytes, then by size', () => {
		expect(shape(largestStoredFiles(image.model, {count: 1000, order: 'reclaimable'}))).toEqual(expectedOrder('reclaimable'));
	});

	it('keeps the K first and honours a size threshold', () => {
		expect(shape(largestStoredFiles(image.model, {count: 2, order: 'size'}))).toEqual(expectedOrder('size').slice(0, 2));
		expect(shape(largestStoredFiles(image.model, {count: 1000, order: 'size', minSize: 100_000}))).toEqual(expectedOrder('size', 100_000));
		expect(shape(largestStoredFiles(image.model, {count: 1000, order: 'reclaimable', minSize: 3_000}))).toEqual(expectedOrder('reclaimable', 3_000));
		expect(largestStoredFiles(image.model, {count: 1000, order: 'size', minSize: 10_000_000})).toEqual([]);
	});

	it('says who hid each copy and how', () => {
		const rows = largestStoredFiles(image.model, {count: 1000, order: 'size'});
		const fate = (p: string, layer: number, size?: number) => rows.find(row => row.node.path === p && row.layer === layer && (size === undefined || row.size === size))!.hidden;
		expect(fate(libPath, 0)).toBeNull();
		expect(fate('/var/cache/pkg.deb', 0)).toEqual({layer: 1, reason: 'removed', removal: 'whiteout', keptByLink: false});
		expect(fate('/opt/data.bin', 0)).toEqual({layer: 2, reason: 'overwritten', removal: null, keptByLink: false});
		expect(fate('/etc/conf', 0)).toEqual({layer: 1, reason: 'rewritten-unchanged', removal: null, keptByLink: false});
		expect(fate('/tmp/a', 0)).toEqual({layer: 1, reason: 'removed', removal: 'whiteout', keptByLink: true});
		expect(fate('/srv/dup', 1, 80_000)).toEqual({layer: 1, reason: 'overwritten', removal: null, keptByLink: false});
	});

	it('its reclaimable bytes add up to the analysis figure', () => {
		const rows = largestStoredFiles(image.model, {count: 1000, order: 'reclaimable'});
		expect(rows.reduce((sum, row) => sum + row.reclaimable, 0)).toBe(image.analysis.reclaimable.totalBytes);
	});
});

describe('topK', () => {
	it('gives what a full sort gives, for any K, with ties', () => {
		const bytes = deterministicBytes('top-k', 5000);
		const items = Array.from(bytes, (value, id) => ({value, id}));
		const compare = (a: {value: number; id: number}, b: {value: number; id: number}) => b.value - a.value || a.id - b.id;
		const sorted = [...items].sort(compare);
		for (const k of [0, 1, 2, 7, 100, 4999, 5000, 9000]) expect(topK(items, k, compare)).toEqual(sorted.slice(0, k));
	});
});
