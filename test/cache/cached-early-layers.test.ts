import {copyFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AnalysisCache} from '../../source/cache/analysis-cache.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {loadImage} from '../../source/load/load-image.js';
import {openOciLayoutDir} from '../../source/sources/archive/open-archive.js';
import {hostPlatform} from '../../source/sources/platform.js';
import {writeOciLayout} from '../fixtures/archives.js';
import {gnuSparseTar} from '../fixtures/tar-dialects.js';
import {buildImage, type LayerSpec} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {visiblePaths} from '../helpers/visible-paths.js';

const dir = tempDir('peel-cache-early-');

/** Layer 0 bigger than the slices put into the model between two offers (2,048 entries, then 16,384), in a known order. */
const FILES = 40_000;
const names = Array.from({length: FILES}, (_, i) => `srv/f${String(i).padStart(5, '0')}`);
const layers: LayerSpec[] = [
	{entries: [{name: 'srv/', type: 'directory'}, ...names.map(name => ({name, content: name.slice(-2)}))]},
	{entries: [{name: 'app/', type: 'directory'}, {name: 'app/x', content: 'x'.repeat(50)}, {name: 'srv/', type: 'directory'}, {name: 'srv/.wh.f00000', content: ''}]},
];

async function setUp(name: string) {
	const image = await buildImage({layers});
	const root = path.join(dir, name);
	await writeOciLayout(root, [{image, refName: 'latest'}]);
	const warnings: string[] = [];
	const cache = new AnalysisCache({dir: path.join(dir, `${name}-cache`)}, message => warnings.push(message));
	const load = async (onStacked?: (soFar: () => AnalyzedImage) => void) => {
		const handle = await openOciLayoutDir(root, {platform: hostPlatform(), insecureRegistries: []});
		try {
			return {handle, loaded: await loadImage(handle, {cache, concurrency: 1, onStacked: onStacked ? (_stacked, soFar) => onStacked(soFar) : undefined})};
		} finally {
			await handle.close();
		}
	};
	return {cache, warnings, load};
}

describe('cached layers for an early screen', () => {
	it('an early screen gets layer 0 from the cache slice by slice, the first before the rest is handed over, and the same image at the end', async () => {
		const {warnings, load} = await setUp('slices');
		const cold = await load();
		// What each offer of layer 0 shows, taken when it is made (the model grows in place).
		const offers: string[][] = [];
		const warm = await load(soFar => {
			const image = soFar();
			if (image.pending?.stacked === 0 && image.pending.partial) offers.push(visiblePaths(image.model.root, 0));
		});
		expect(warnings).toEqual([]);
		expect(offers.length).toBeGreaterThanOrEqual(2);
		// The first offer: the first slice of the fixture's entries (its directory and files in tar order), nothing more.
		const first = offers[0]!;
		// The first frame waits for a small first slice, not the layer (nor a full slice).
		expect(first.length).toBeLessThanOrEqual(2048);
		expect(first).toEqual(['/srv', ...names.slice(0, first.length - 1).map(n => `/${n}`)]);
		// Each offer has more of layer 0, until all of it.
		const counts = offers.map(paths => paths.length);
		expect(counts).toEqual([...counts].sort((a, b) => a - b));
		expect(visiblePaths(warm.loaded.model.root, 0)).toEqual(['/srv', ...names.map(n => `/${n}`)].sort());
		expect(visiblePaths(warm.loaded.model.root, 1)).toEqual(['/app', '/app/x', '/srv', ...names.slice(1).map(n => `/${n}`)].sort());
		expect(warm.loaded.analysis).toEqual(cold.loaded.analysis);
		expect(warm.loaded.layers).toEqual(cold.loaded.layers);
	});

	it("an entry that holds another layer's contents is not used: warned about, the layer read again, nothing of it in the model", async () => {
		const {cache, warnings, load} = await setUp('swapped');
		const cold = await load();
		const [zero, one] = cold.handle.layers;
		// Layer 1's entry under layer 0's name: intact as a file (its checksum is right), wrong as layer 0.
		copyFileSync(cache.layerFile(one!)!, cache.layerFile(zero!)!);
		let offeredLayer1 = false;
		const warm = await load(soFar => {
			const image = soFar();
			if (image.pending?.stacked === 0 && visiblePaths(image.model.root, 0).includes('/app/x')) offeredLayer1 = true;
		});
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/^ignored the cache entry for layer 0 \(sha256:[0-9a-f]{12}\) \(it belongs to another layer\); it is rebuilt$/);
		// No offer ever showed layer 1's paths as layer 0's.
		expect(offeredLayer1).toBe(false);
		expect(warm.loaded.layers[0]!.entries.map(e => e.path)).toEqual(['srv', ...names]);
		expect(warm.loaded.analysis).toEqual(cold.loaded.analysis);
	});

	it('a sparse file in a cached layer 0 keeps its map, whether the layer is unpacked in slices (early screen) or at once', async () => {
		const image = await buildImage({layers: [{entries: [], rawTar: gnuSparseTar(30), compression: 'gzip'}, {entries: [{name: 'x', content: 'x'}]}]});
		const root = path.join(dir, 'sparse');
		await writeOciLayout(root, [{image, refName: 'latest'}]);
		const warnings: string[] = [];
		const cache = new AnalysisCache({dir: path.join(dir, 'sparse-cache')}, message => warnings.push(message));
		let fromCache = false;
		const load = async (early: boolean) => {
			const handle = await openOciLayoutDir(root, {platform: hostPlatform(), insecureRegistries: []});
			fromCache = false;
			try {
				return await loadImage(handle, {cache, concurrency: 1, onStacked: early ? () => {} : undefined, onProgress: p => (fromCache ||= p.layers[0]!.cached === true)});
			} finally {
				await handle.close();
			}
		};
		const cold = await load(false);
		// The fixture's map: 30 regions of 512 bytes, 4096 bytes apart.
		const regions = Array.from({length: 30}, (_, i) => [i * 4096, 512]).flat();
		const sparseOf = (loaded: AnalyzedImage) => loaded.layers[0]!.entries.find(e => e.path === 'sparse-file')!.sparse;
		expect(sparseOf(cold)?.regions).toEqual(regions);
		expect(fromCache).toBe(false);
		for (const early of [true, false]) {
			const warm = await load(early);
			expect(fromCache).toBe(true);
			expect(sparseOf(warm)).toEqual(sparseOf(cold));
			expect(warm.layers[0]!.entries.map(e => e.path)).toEqual(['sparse-file', 'after-sparse']);
			expect(warm.analysis).toEqual(cold.analysis);
		}
		expect(warnings).toEqual([]);
	});
});
