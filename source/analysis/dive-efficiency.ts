import type {LayerEntry} from '../layers/layer-entry.js';
import type {DiveFigures} from './types.js';
import {buildDiveTree, copyDiveTree, diveGetNode, divePath, diveStack, diveVisitChildFirst, isDiveWhiteout, type DiveNode} from './dive-tree.js';

interface PathData {
	path: string;
	count: number;
	cumulative: number;
	min: number;
}

function subtreeSize(node: DiveNode): number {
	let size = node.info?.size ?? 0;
	diveVisitChildFirst(node, child => {
		size += child.info?.size ?? 0;
	});
	return size;
}

/**
 * dive's efficiency, wasted bytes and user-wasted percent, to the last digit
 * (dive: filetree/efficiency.go, image/analysis.go), on dive's own per-layer trees.
 */
export function diveFigures(layers: LayerEntry[][]): DiveFigures {
	const data = new Map<string, PathData>();
	const inefficient: PathData[] = [];
	// Only two layer trees are alive at a time: the one walked and the one below it.
	let previous: DiveNode | null = null;
	let stacked: DiveNode | null = null;

	layers.forEach((entries, index) => {
		const tree = buildDiveTree(entries);
		// dive stacks layers 0..index-1 on a copy of layer 0 for every whiteout it meets.
		if (index === 0) stacked = copyDiveTree(tree);
		else diveStack(stacked!, previous!);
		previous = tree;
		diveVisitChildFirst(tree, node => {
			if (node.children && node.children.size > 0) return true; // leaves only
			const path = divePath(node);
			let entry = data.get(path);
			if (!entry) {
				entry = {path, count: 0, cumulative: 0, min: -1};
				data.set(path, entry);
			}
			let size = 0;
			if (isDiveWhiteout(node)) {
				const previous = diveGetNode(stacked!, path);
				// dive stops the layer's walk here, leaving this path with min -1.
				if (!previous) return false;
				if (previous.info?.kind === 'dir') size = subtreeSize(previous);
			} else {
				size = node.info?.size ?? 0;
			}
			entry.cumulative += size;
			if (entry.min < 0 || size < entry.min) entry.min = size;
			entry.count++;
			if (entry.count === 2) inefficient.push(entry);
			return true;
		});
	});

	let minimum = 0;
	let discovered = 0;
	for (const entry of data.values()) {
		minimum += entry.min;
		discovered += entry.cumulative;
	}
	const efficiency = discovered === 0 ? 1 : minimum / discovered;
	const wastedBytes = inefficient.reduce((sum, e) => sum + e.cumulative, 0);
	const layerSizes = layers.map(entries => entries.reduce((sum, e) => sum + e.size, 0));
	const sizeBytes = layerSizes.reduce((a, b) => a + b, 0);
	const userSizeBytes = sizeBytes - (layerSizes[0] ?? 0);
	inefficient.sort((a, b) => b.cumulative - a.cumulative || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return {
		efficiency,
		wastedBytes,
		sizeBytes,
		userSizeBytes,
		userWastedPercent: wastedBytes / userSizeBytes,
		inefficientFiles: inefficient.map(e => ({path: e.path, count: e.count, cumulativeSize: e.cumulative})),
	};
}
