import {describe, expect, test} from 'vitest';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {prefetchLayer, prefetchTargets} from '../../source/ui/state/prefetch-targets.js';
import {computeLayerView} from '../../source/ui/tree/layer-view.js';
import {computeShownNodes, noneHidden} from '../../source/ui/tree/shown-nodes.js';
import {KEPT_VIEWS, keptViews, layerViewOf, shownNodesOf} from '../../source/ui/tree/tree-memo.js';
import {namesTextReady} from '../../source/ui/tree/names-text.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';
import {syntheticImage} from './helpers/synthetic-image.js';

const data = buildExplorerData(syntheticImage(3000, 6));
const {index, versions} = data;
const press = (state: ExplorerState, name: string) => explorerReducer(state, {type: 'key', names: [name], text: name.length === 1 ? name : ''});

describe('the tree memo', () => {
	test('a kept view and its shown nodes are the very arrays a fresh pass computes; a new table or mode is not answered from them', () => {
		const table = buildExplorerData(syntheticImage(2000, 4)).versions;
		const idx = buildExplorerData(syntheticImage(2000, 4)).index;
		const first = layerViewOf(idx, table, 2, 'layer');
		expect(layerViewOf(idx, table, 2, 'layer')).toBe(first);
		const fresh = computeLayerView(idx, table, 2, 'layer');
		expect(first.version).toEqual(fresh.version);
		expect(first.change).toEqual(fresh.change);
		expect(layerViewOf(idx, table, 2, 'aggregated')).not.toBe(first);
		const shown = shownNodesOf(idx, table, first, noneHidden, null);
		expect(shownNodesOf(idx, table, first, {...noneHidden}, null)).toBe(shown);
		expect(shown.shown).toEqual(computeShownNodes(idx, table, first, noneHidden, null).shown);
		expect(shown.branchSize).toEqual(computeShownNodes(idx, table, first, noneHidden, null).branchSize);
		// Other toggles or another filter: computed again (and the new ones kept).
		const hidingAdded = shownNodesOf(idx, table, first, {...noneHidden, added: true}, null);
		expect(hidingAdded).not.toBe(shown);
		expect(hidingAdded.count).toBeLessThan(shown.count);
		const filter = new Uint8Array(idx.size).fill(1);
		expect(shownNodesOf(idx, table, first, {...noneHidden, added: true}, filter)).not.toBe(hidingAdded);
	});

	test(`at most ${KEPT_VIEWS} views are kept per image: the oldest goes first`, () => {
		const views = [0, 1, 2, 3].map(layer => layerViewOf(index, versions, layer, 'layer'));
		expect(layerViewOf(index, versions, 3, 'layer')).toBe(views[3]);
		expect(layerViewOf(index, versions, 1, 'layer')).toBe(views[1]);
		// Layer 0 was the oldest when layer 3 came in.
		expect(layerViewOf(index, versions, 0, 'layer')).not.toBe(views[0]);
	});
});

describe('what is computed ahead', () => {
	test('the neighbour in the direction of travel first, then the other; none past the ends', () => {
		let state = createExplorerState(data, {layerRows: 10, treeRows: 20});
		expect(prefetchTargets(state, 0)).toEqual([1]);
		state = press(state, 'down');
		expect(prefetchTargets(state, 0)).toEqual([2, 0]);
		state = press(state, 'down');
		state = press(state, 'up');
		expect(state.layer).toBe(1);
		expect(prefetchTargets(state, 2)).toEqual([0, 2]);
		for (let i = 0; i < 6; i++) state = press(state, 'down');
		expect(state.layer).toBe(5);
		expect(prefetchTargets(state, 4)).toEqual([4]);
	});

	test('in the Layers pane ranked by size, the neighbours are the rows above and below', () => {
		let state = createExplorerState(data, {layerRows: 10, treeRows: 20});
		state = press(state, 's');
		const order = data.image.model.layers.map((layer, i) => ({i, size: layer.sizeBytes})).sort((a, b) => b.size - a.size || a.i - b.i).map(l => l.i);
		const at = order.indexOf(state.layer);
		expect(prefetchTargets(state, state.layer)).toEqual([order[at + 1], order[at - 1]].filter(l => l !== undefined));
	});

	test('a layer step onto a layer computed ahead takes the kept view and shown nodes: what it shows is what a fresh pass shows', () => {
		let state = createExplorerState(data, {layerRows: 10, treeRows: 20});
		state = press(state, 'ctrl+a');
		prefetchLayer(state, 1);
		const ahead = layerViewOf(index, versions, 1, 'aggregated');
		const aheadShown = shownNodesOf(index, versions, ahead, state.hidden, state.filter.matches);
		state = press(state, 'down');
		expect(state.view).toBe(ahead);
		expect(state.shown).toBe(aheadShown);
		const fresh = computeShownNodes(index, versions, computeLayerView(index, versions, 1, 'aggregated'), noneHidden, null);
		expect(state.shown.shown).toEqual(fresh.shown);
		expect(state.shown.branchSize).toEqual(fresh.branchSize);
		expect(state.shown.lastByName).toEqual(fresh.lastByName);
	});

	test('the explorer computes the next layer while idle after a layer step (and its frame is the one a fresh pass gives)', async () => {
		const own = buildExplorerData(syntheticImage(3000, 6));
		const t = renderAtSize(own, 120, 30);
		try {
			await t.settle();
			// At open, layer 1 is computed ahead.
			await new Promise(resolve => setTimeout(resolve, 30));
			expect(keptViews(own.versions)).toEqual([{layer: 0, mode: 'layer'}, {layer: 1, mode: 'layer'}]);
			await t.press(keys.down);
			// Right after the frame: layer 2 (the way the selection went); after a pause, layer 0 (already kept) too.
			await new Promise(resolve => setTimeout(resolve, 30));
			expect(keptViews(own.versions).map(v => v.layer)).toEqual([0, 1, 2]);
			await new Promise(resolve => setTimeout(resolve, 150));
			expect(keptViews(own.versions).map(v => v.layer)).toEqual([1, 2, 0]);
			await t.press(keys.down);
			const frame = t.frame();
			expect(frame).toContain('Layer 2');
			// The same image, no memo (a fresh copy of the data): the same frame.
			const fresh = renderAtSize(buildExplorerData(syntheticImage(3000, 6)), 120, 30);
			try {
				await fresh.settle();
				await fresh.press(keys.down, keys.down);
				expect(fresh.frame()).toBe(frame);
			} finally {
				fresh.unmount();
			}
		} finally {
			t.unmount();
		}
	});
});

test('once the image is in and the explorer idle, its names are indexed for find (in slices); a find then gives what it gave before', async () => {
	const own = buildExplorerData(syntheticImage(30_000, 3));
	const t = renderAtSize(own, 120, 30);
	try {
		await t.settle();
		// Nothing but the explorer's idle indexing builds the names text (a find only uses it once complete).
		await t.press('/', 'f', 'i', 'l', 'e', '1', '9');
		const before = t.frame();
		await t.press(keys.escape);
		const deadline = Date.now() + 10_000;
		while (!namesTextReady(own.index) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
		expect(namesTextReady(own.index)).toBe(true);
		await t.press('/', 'f', 'i', 'l', 'e', '1', '9');
		expect(t.frame()).toBe(before);
		expect(before).toMatch(/file19/);
	} finally {
		t.unmount();
	}
});
