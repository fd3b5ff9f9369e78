import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {loadImage} from '../../source/load/load-image.js';
import {openOciLayoutDir} from '../../source/sources/archive/open-archive.js';
import {hostPlatform} from '../../source/sources/platform.js';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, selectedNode, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage, type LayerSpec} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {visiblePaths} from '../helpers/visible-paths.js';

const dir = tempDir('peel-early-');

/** Three layers whose filesystems after each are known by construction (no peel involved). */
const layers: LayerSpec[] = [
	{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/a', content: 'a'.repeat(300)}, {name: 'etc/b', content: 'b'}, ...Array.from({length: 40}, (_, i) => ({name: `etc/n${String(i).padStart(2, '0')}`, content: `n${i}`}))]},
	{entries: [{name: 'app/', type: 'directory'}, {name: 'app/x', content: 'x'.repeat(50)}, {name: 'app/lib/', type: 'directory'}, {name: 'app/lib/y', content: 'y'}]},
	{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/.wh.b', content: ''}, {name: 'app/z', content: 'z'.repeat(20)}]},
];
const expectedAfter: string[][] = [
	['/etc', '/etc/a', '/etc/b', ...Array.from({length: 40}, (_, i) => `/etc/n${String(i).padStart(2, '0')}`)],
	['/app', '/app/lib', '/app/lib/y', '/app/x'],
	['/app/z'],
];
/** Paths of the filesystem after layers 0 … k. */
function filesystemAfter(k: number): string[] {
	const all = new Set(expectedAfter.slice(0, k + 1).flat());
	if (k >= 2) all.delete('/etc/b');
	return [...all].sort();
}

async function loadWithSnapshots(): Promise<{final: AnalyzedImage; snapshots: AnalyzedImage[]}> {
	const image = await buildImage({layers});
	const root = path.join(dir, 'layout');
	await writeOciLayout(root, [{image, refName: 'latest'}]);
	const handle = await openOciLayoutDir(root, {platform: hostPlatform(), insecureRegistries: []});
	const snapshots: AnalyzedImage[] = [];
	try {
		// Taken at once, as if the screen were always free: the image as it is at that moment.
		const final = await loadImage(handle, {concurrency: 1, onStacked: (_stacked, soFar) => snapshots.push(soFar())});
		return {final, snapshots};
	} finally {
		await handle.close();
	}
}

const press = (state: ExplorerState, ...names: string[]) => names.reduce((s, name) => explorerReducer(s, {type: 'key', names: [name as never], text: ''}), state);

describe('the explorer while the image loads', () => {
	it('gets the image after each stacked layer, each holding exactly the filesystem of the layers stacked so far', async () => {
		const {final, snapshots} = await loadWithSnapshots();
		const stacked = snapshots.map(s => s.pending!.stacked);
		// Layer 0 streams in (partial), then layers 1 and 2 are stacked; the last comes as the result.
		expect(stacked.filter(n => n > 0)).toEqual([1, 2]);
		expect(final.pending).toBeUndefined();
		for (const soFar of snapshots) {
			const {stacked: n, partial} = soFar.pending!;
			const shownUpTo = n + (partial ? 1 : 0) - 1;
			if (!partial) expect(visiblePaths(soFar.model.root, shownUpTo)).toEqual(filesystemAfter(shownUpTo));
			expect(soFar.layers.length).toBe(n);
			// Counts only the layers shown: layer 1's additions are known once it is stacked, never before.
			expect(soFar.model.layers[1]!.added).toBe(n >= 2 ? 4 : 0);
			expect(soFar.model.layerCount).toBe(3);
		}
		expect(visiblePaths(final.model.root, 2)).toEqual(filesystemAfter(2));
	});

	it('moves onto newer data keeping the layer, the cursor on its path, collapsed directories and the filter; layers not stacked cannot be selected', async () => {
		const {final, snapshots} = await loadWithSnapshots();
		const afterOne = snapshots.find(s => s.pending!.stacked === 1 && !s.pending!.partial)!;
		let state = createExplorerState(buildExplorerData(afterOne), {layerRows: 10, treeRows: 30});
		// Layer 1 is not stacked: the cursor stays on layer 0 and says why.
		state = press(state, 'down');
		expect(state.layer).toBe(0);
		expect(state.notice).toMatch(/layer 1 is still loading/);
		// Figures that need every layer do not open.
		state = press(state, 'w');
		expect(state.overlay).toBeNull();
		expect(state.notice).toMatch(/needs every layer: 1 of 3 are stacked/);
		// Cursor onto /etc/n05, collapse nothing yet.
		state = press(state, 'tab');
		const target = state.data.index.nodes.findIndex(node => node.path === '/etc/n05');
		state = {...state, cursor: state.flat.rows.indexOf(target)};
		const height = state.cursor - state.scroll;

		const twoData = buildExplorerData(snapshots.find(s => s.pending!.stacked === 2)!);
		state = explorerReducer(state, {type: 'rebase', data: twoData});
		expect(state.data.index.nodes[selectedNode(state)]!.path).toBe('/etc/n05');
		expect(state.cursor - state.scroll).toBe(height);
		// Layer 1 can be selected now; the tree shows what it added.
		state = press(state, 'tab', 'down');
		expect(state.layer).toBe(1);
		const shownPaths = Array.from(state.flat.rows, row => state.data.index.nodes[row]!.path).filter(p => p.startsWith('/app'));
		expect(shownPaths.sort()).toEqual(expectedAfter[1]!);
		// Collapse /app and filter for "n0": both survive the last rebase.
		state = press(state, 'tab');
		const app = state.data.index.nodes.findIndex(node => node.path === '/app');
		state = press({...state, cursor: state.flat.rows.indexOf(app)}, 'space');
		expect(state.collapsed[app]).toBe(1);
		state = explorerReducer(state, {type: 'command', command: 'open-filter'});
		state = explorerReducer(state, {type: 'filter-type', text: 'n0'});
		state = explorerReducer(state, {type: 'filter-apply'});
		const filtered = state.flat.rows.length;

		state = explorerReducer(state, {type: 'rebase', data: buildExplorerData(final)});
		expect(state.layer).toBe(1);
		const appNow = state.data.index.nodes.findIndex(node => node.path === '/app');
		expect(state.collapsed[appNow]).toBe(1);
		expect(state.filter.applied).toBe('n0');
		// The same rows (the filter matches /etc/n00 … /etc/n09 and their parent), now over the whole image.
		expect(state.flat.rows.length).toBe(filtered);
		expect(Array.from(state.flat.rows, row => state.data.index.nodes[row]!.path)).toContain('/etc/n09');
		// Everything opens now.
		state = explorerReducer(state, {type: 'command', command: 'filter-cancel'});
		state = press(state, 'w');
		expect(state.overlay?.kind).toBe('largest');
	});
});
