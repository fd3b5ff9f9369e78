import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AnalysisCache} from '../../source/cache/analysis-cache.js';
import {loadImage, type LoadOptions} from '../../source/load/load-image.js';
import type {LoadProgress} from '../../source/load/progress.js';
import {openOciLayoutDir} from '../../source/sources/archive/open-archive.js';
import {hostPlatform} from '../../source/sources/platform.js';
import {loadingLines} from '../../source/ui/loading/loading-lines.js';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-load-cache-');

describe('loading with the analysis cache', () => {
	it('a second load takes every layer from the cache, says so in the loading view, and yields the same model', async () => {
		const image = await buildImage({
			layers: [
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/a', content: 'a'.repeat(700)}, {name: 'etc/b', content: 'b'}]},
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/.wh.b', content: ''}, {name: 'etc/c', content: 'c'.repeat(90)}]},
			],
		});
		const root = path.join(dir, 'layout');
		await writeOciLayout(root, [{image, refName: 'latest'}]);
		const warnings: string[] = [];
		const cache = new AnalysisCache({dir: path.join(dir, 'cache')}, message => warnings.push(message));
		const open = () => openOciLayoutDir(root, {platform: hostPlatform(), insecureRegistries: []});
		const load = async () => {
			let last: LoadProgress | null = null;
			const handle = await open();
			try {
				const loaded = await loadImage(handle, {cache, onProgress: progress => (last = progress)});
				return {loaded, last: last as LoadProgress | null};
			} finally {
				await handle.close();
			}
		};
		const cold = await load();
		expect(cold.last!.layers.every(layer => !layer.cached)).toBe(true);
		const warm = await load();
		expect(warnings).toEqual([]);
		expect(warm.last!.layers.map(layer => [layer.cached, layer.bytesRead])).toEqual([[true, 0], [true, 0]]);
		const lines = loadingLines({...warm.last!, phase: 'reading'}, 10);
		expect(lines.map(line => [line.fraction, line.detail])).toEqual([
			[1, 'already exists (cache), 3 entries'],
			[1, 'already exists (cache), 3 entries'],
		]);
		expect(warm.loaded.layers).toEqual(cold.loaded.layers);
		expect(warm.loaded.analysis).toEqual(cold.loaded.analysis);
		expect(warm.loaded.model.nodeCount).toBe(cold.loaded.model.nodeCount);
		// The entries are the fixture's.
		expect(warm.loaded.layers[1]!.entries.map(entry => entry.path)).toEqual(['etc', 'etc/.wh.b', 'etc/c']);
	});

	it("dive's figures of an image analysed before come from its record, or from the entries when the record is gone", async () => {
		// Waste for dive to count: etc/a stored twice, a file rewritten unchanged.
		const image = await buildImage({
			layers: [
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/a', content: 'a'.repeat(700)}, {name: 'etc/b', content: 'same'}]},
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/a', content: 'A'.repeat(900)}, {name: 'etc/b', content: 'same'}]},
			],
		});
		const root = path.join(dir, 'known');
		await writeOciLayout(root, [{image, refName: 'latest'}]);
		const cache = new AnalysisCache({dir: path.join(dir, 'known-cache')});
		const load = async (knownDive?: LoadOptions['knownDive']) => {
			const handle = await openOciLayoutDir(root, {platform: hostPlatform(), insecureRegistries: []});
			try {
				return await loadImage(handle, {cache, knownDive});
			} finally {
				await handle.close();
			}
		};
		const cold = await load();
		// The fixture's waste, largest first: /etc/a 700 + 900 bytes, /etc/b 4 + 4.
		expect(cold.analysis.dive.inefficientFiles.map(f => [f.path, f.count, f.cumulativeSize])).toEqual([
			['/etc/a', 2, 1600],
			['/etc/b', 2, 8],
		]);
		// A record (here one that says something else, to tell them apart): its figures are the ones used.
		const record = {...cold.analysis.dive, efficiency: 0.125, wastedBytes: 4242};
		let read = 0;
		const known = await load({exists: () => true, read: () => (read++, record)});
		expect(read).toBe(1);
		expect(known.analysis.dive).toEqual(record);
		expect(known.analysis.reclaimable).toEqual(cold.analysis.reclaimable);
		expect(known.model.nodeCount).toBe(cold.model.nodeCount);
		// The record went bad between the start and the end of the load: computed from the entries, as cold.
		const gone = await load({exists: () => true, read: () => null});
		expect(gone.analysis).toEqual(cold.analysis);
		// No record: dive's tree as always, the record never read.
		const none = await load({exists: () => false, read: () => (read++, record)});
		expect(read).toBe(1);
		expect(none.analysis).toEqual(cold.analysis);
	});
});
