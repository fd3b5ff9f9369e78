import {expect, test} from 'vitest';
import {DEMO_PATH} from '../../demo/make-demo.js';
import type {ViewMode} from '../../source/model/types.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {computeLayerView} from '../../source/ui/tree/layer-view.js';
import {computeShownNodes, noneHidden, shownSize, type HiddenKinds} from '../../source/ui/tree/shown-nodes.js';
import {loadArchive} from './helpers/load-fixture.js';
import {syntheticImage} from './helpers/synthetic-image.js';

/** Σ over the shown nodes of a subtree of their own (non-directory) sizes: the definition, one subtree at a time. */
function naiveSizes(data: ExplorerData, layer: number, mode: ViewMode, hidden: HiddenKinds, filter: Uint8Array | null) {
	const {index, versions} = data;
	const view = computeLayerView(index, versions, layer, mode);
	const shown = computeShownNodes(index, versions, view, hidden, filter);
	const own = (j: number) => (shown.shown[j] === 1 && versions.versionIsDir[view.version[j]!] === 0 ? versions.versionSize[view.version[j]!]! : 0);
	let compared = 0;
	for (let i = 1; i < index.size; i++) {
		if (shown.shown[i] === 0) {
			expect(shownSize(shown, i)).toBe(0);
			continue;
		}
		let sum = 0;
		for (let j = i; j < index.end[i]!; j++) sum += own(j);
		if (shownSize(shown, i) !== sum) throw new Error(`${index.nodes[i]!.path} at layer ${layer} (${mode}): ${shownSize(shown, i)}, the files below sum to ${sum}`);
		compared++;
	}
	return compared;
}

test('every shown node shows the sum of the shown files below it (a file its own size), on every layer, both views, with toggles and a filter', async () => {
	const images = [buildExplorerData(syntheticImage(2500, 5)), buildExplorerData(await loadArchive(DEMO_PATH()))];
	const hiddenSets: HiddenKinds[] = [noneHidden, {...noneHidden, added: true}, {...noneHidden, removed: true, unmodified: true}, {added: false, removed: false, modified: true, unmodified: true}];
	let compared = 0;
	let nonZeroDirs = 0;
	for (const data of images) {
		const filter = new Uint8Array(data.index.size);
		for (let i = 0; i < data.index.size; i++) filter[i] = /[13579]|bin/.test(data.index.nodes[i]!.path) ? 1 : 0;
		for (let layer = 0; layer < data.layerCount; layer++) {
			for (const mode of ['layer', 'aggregated'] as ViewMode[]) {
				for (const hidden of hiddenSets) {
					compared += naiveSizes(data, layer, mode, hidden, null);
					compared += naiveSizes(data, layer, mode, hidden, filter);
				}
			}
		}
		const view = computeLayerView(data.index, data.versions, data.layerCount - 1, 'aggregated');
		const shown = computeShownNodes(data.index, data.versions, view, noneHidden, null);
		for (let i = 0; i < data.index.size; i++) if (data.index.hasChildren[i] === 1 && shownSize(shown, i) > 0) nonZeroDirs++;
	}
	expect(compared).toBeGreaterThan(10_000);
	expect(nonZeroDirs).toBeGreaterThan(50);
});
