import {expect, test} from 'vitest';
import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {flattenRows} from '../../source/ui/tree/flatten-rows.js';
import {computeLayerView} from '../../source/ui/tree/layer-view.js';
import {computeShownNodes, noneHidden, shownSize, type ShownNodes} from '../../source/ui/tree/shown-nodes.js';
import {imageFromEntries} from './helpers/model-image.js';
import {syntheticImage} from './helpers/synthetic-image.js';

const entry = (path: string, kind: 'file' | 'dir', size: number): LayerEntry => ({path, kind, typeFlag: kind === 'dir' ? 53 : 48, size, mode: 0o644, uid: 0, gid: 0, linkTarget: null, hash: kind === 'file' ? `${path}:${size}` : null});

/** Directories of every width around the sort's run length (24) and its merges, sizes with many ties. */
function wideImage(): ExplorerData {
	let seed = 7;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const base: LayerEntry[] = [];
	const next: LayerEntry[] = [];
	for (const width of [1, 2, 23, 24, 25, 47, 48, 49, 97, 1000, 3001]) {
		base.push(entry(`w${width}`, 'dir', 0));
		for (let f = 0; f < width; f++) {
			const size = random() < 0.3 ? 100 : Math.floor(random() * 50) * 10;
			base.push(entry(`w${width}/f${String(f).padStart(4, '0')}`, 'file', size));
			if (f % 5 === 0) base.push(entry(`w${width}/d${f}`, 'dir', 0), entry(`w${width}/d${f}/x`, 'file', Math.floor(random() * 300)));
			if (f % 7 === 0) next.push(entry(`w${width}/f${String(f).padStart(4, '0')}`, 'file', size + 1));
		}
	}
	return buildExplorerData(imageFromEntries([base, next]));
}

/** The size order as specified, written out: each directory's shown children by size, largest first, ties by name, depth first. */
function naiveBySize(data: ExplorerData, shown: ShownNodes, collapsed: Uint8Array): number[] {
	const {index} = data;
	const out: number[] = [];
	const visit = (i: number) => {
		const kids: number[] = [];
		for (let c = i + 1; c < index.end[i]!; c = index.end[c]!) if (shown.shown[c] === 1) kids.push(c);
		kids.sort((a, b) => shownSize(shown, b) - shownSize(shown, a) || index.nodes[a]!.name.localeCompare(index.nodes[b]!.name, 'en', {sensitivity: 'variant'}) || a - b);
		for (const kid of kids) {
			out.push(kid);
			if (collapsed[kid] !== 1) visit(kid);
		}
	};
	visit(0);
	return out;
}

test('rows by size are what the definition gives, with ties in name order and the last child of each directory marked', () => {
	let compared = 0;
	for (const data of [wideImage(), buildExplorerData(syntheticImage(4000, 4))]) {
		const {index, versions} = data;
		const collapsed = new Uint8Array(index.size);
		for (let i = 0; i < index.size; i++) if (index.hasChildren[i] === 1 && i % 11 === 0) collapsed[i] = 1;
		for (let layer = 0; layer < data.layerCount; layer++) {
			for (const mode of ['layer', 'aggregated'] as const) {
				for (const hidden of [noneHidden, {...noneHidden, modified: true}]) {
					const shown = computeShownNodes(index, versions, computeLayerView(index, versions, layer, mode), hidden, null);
					for (const fold of [new Uint8Array(index.size), collapsed]) {
						const flat = flattenRows(index, shown, fold, 'size');
						const rows = Array.from(flat.rows);
						expect(rows).toEqual(naiveBySize(data, shown, fold));
						// The last child marks: exactly the last row of each parent's children.
						const last = new Map<number, number>();
						for (const i of rows) last.set(index.parent[i]!, i);
						for (const i of rows) expect(flat.lastChild[i], index.nodes[i]!.path).toBe(last.get(index.parent[i]!) === i ? 1 : 0);
						compared += rows.length;
					}
				}
			}
		}
	}
	expect(compared).toBeGreaterThan(50_000);
});
