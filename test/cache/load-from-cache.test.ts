import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AnalysisCache} from '../../source/cache/analysis-cache.js';
import {loadImage} from '../../source/load/load-image.js';
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
});
