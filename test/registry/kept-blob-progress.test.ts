import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AnalysisCache} from '../../source/cache/analysis-cache.js';
import {loadImage} from '../../source/load/load-image.js';
import type {LoadProgress} from '../../source/load/progress.js';
import {loadingLines} from '../../source/ui/loading/loading-lines.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {startFaultProxy, type FaultProxy} from './support/fault-proxy.js';
import {closeOpened, openImage} from './support/open.js';
import {pushImage} from './support/push.js';
import {startRegistry, type RegistryServer} from './support/registry-server.js';

let registry: RegistryServer;
let proxy: FaultProxy;
let image: BuiltImage;
const dir = tempDir('peel-kept-progress-');

beforeAll(async () => {
	registry = await startRegistry();
	proxy = await startFaultProxy(registry.url);
	image = await buildImage({
		layers: [
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/a', content: 'a'.repeat(5000)}]},
			{entries: [{name: 'app/', type: 'directory'}, {name: 'app/b', content: 'b'.repeat(3000)}]},
		],
	});
	await pushImage(registry.url, 'team/kept', '1', image);
}, 60_000);

afterAll(async () => {
	await closeOpened();
	await proxy?.stop();
	await registry?.stop();
});

/** Loads with the blobs kept in `cache` but no analysis cache: every layer is read, from wherever its bytes are. */
async function load(cache: AnalysisCache): Promise<LoadProgress> {
	let last: LoadProgress | null = null;
	const handle = await openImage(`${proxy.host}/team/kept:1`, {keptBlobs: cache.blobs});
	await loadImage(handle, {onProgress: progress => (last = progress)});
	await handle.close();
	return last!;
}

describe('the loading view of a layer read from a kept blob', () => {
	it('says the bytes came from the kept blob (no GET), and says nothing of the kind for a download', async () => {
		const cache = new AnalysisCache({dir: path.join(dir, 'cache')}, () => {});
		const first = await load(cache);
		const blobGets = () => proxy.requests.filter(r => r.method === 'GET' && r.path.includes('/blobs/sha256:') && image.layers.some(l => r.path.endsWith(l.digest))).length;
		expect(blobGets()).toBe(2);
		expect(first.layers.map(layer => layer.kept ?? false)).toEqual([false, false]);
		proxy.reset();
		const second = await load(cache);
		expect(blobGets()).toBe(0);
		expect(second.layers.map(layer => layer.kept)).toEqual([true, true]);
		const lines = loadingLines({...second, phase: 'reading'}, 10);
		expect(lines.map(line => line.detail)).toEqual(image.layers.map(l => expect.stringContaining(`/ ${formatSize(l.size)} from the kept blob, 2 entries`)));
	});
});

function formatSize(bytes: number): string {
	return `${bytes} B`;
}
