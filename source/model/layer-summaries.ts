import type {FileVersion, LayerSummary, PathNode} from './types.js';

/**
 * Per layer, how many paths it added, modified, removed or restated, counting only the
 * layers below `below` (a model still being stacked holds a part of the next layer too),
 * and how many paths exist in those layers. `sizes`: each layer's Σ tar header sizes.
 */
export function summarizeLayers(root: PathNode, sizes: number[], below = sizes.length): {layers: LayerSummary[]; nodeCount: number} {
	const layers: LayerSummary[] = sizes.map((sizeBytes, index) => ({index, added: 0, modified: 0, removed: 0, unchanged: 0, sizeBytes}));
	let nodeCount = 0;
	/** Counts a version of a layer below `below`; false for a later one. */
	const tally = (v: FileVersion): boolean => {
		if (v.layer >= below) return false;
		// A directory restated as it was is not worth counting: it stores nothing.
		if (!v.implicit && !(v.type === 'dir' && v.change === 'unchanged')) layers[v.layer]![v.change]++;
		return true;
	};
	const stack: PathNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node.children) for (const child of node.children.values()) stack.push(child);
		if (node === root) continue;
		let counted = false;
		// Most nodes have one version: taken without making an array of it.
		if (node.versionCount?.() === 1) counted = tally(node.latestAt!(Infinity)!);
		else
			for (const v of node.versions) {
				if (!tally(v)) break;
				counted = true;
			}
		if (counted) nodeCount++;
	}
	return {layers, nodeCount};
}
