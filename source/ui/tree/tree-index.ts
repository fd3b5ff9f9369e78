import type {PathNode} from '../../model/types.js';
import {sortedChildren} from '../../model/query.js';

/**
 * The model's tree laid out once in preorder (children by name), as flat arrays.
 * Every per-view pass is then a loop over numbers instead of a walk over objects,
 * which is what keeps a 300k-path image instant. Index 0 is the root.
 */
export interface TreeIndex {
	nodes: PathNode[];
	/** Parent index (-1 for the root). */
	parent: Int32Array;
	/** One past the last descendant: the subtree of i is [i, end[i]). */
	end: Int32Array;
	/** Root 0, its children 1, … */
	depth: Uint16Array;
	/** 1 when the node has (or ever had) children. */
	hasChildren: Uint8Array;
	/** Per node with children, its number among them (0, 1, …); -1 for the others. Per-branch arrays are ~20× smaller than per-node ones. */
	branchOf: Int32Array;
	/** Nodes with children. */
	branches: number;
	size: number;
}

export function buildTreeIndex(root: PathNode): TreeIndex {
	const nodes: PathNode[] = [];
	const parents: number[] = [];
	const depths: number[] = [];
	// Explicit stack: deep trees must not overflow the call stack.
	const stack: Array<[PathNode, number, number]> = [[root, -1, 0]];
	while (stack.length > 0) {
		const [node, parent, depth] = stack.pop()!;
		nodes.push(node);
		parents.push(parent);
		depths.push(depth);
		const self = nodes.length - 1;
		const children = sortedChildren(node);
		for (let c = children.length - 1; c >= 0; c--) stack.push([children[c]!, self, depth + 1]);
	}
	const size = nodes.length;
	const parent = Int32Array.from(parents);
	const depth = Uint16Array.from(depths);
	const end = new Int32Array(size);
	const hasChildren = new Uint8Array(size);
	for (let i = size - 1; i >= 0; i--) {
		if (end[i] === 0) end[i] = i + 1;
		const p = parent[i]!;
		if (p >= 0 && end[i]! > end[p]!) end[p] = end[i]!;
		if (nodes[i]!.children) hasChildren[i] = 1;
	}
	const branchOf = new Int32Array(size).fill(-1);
	let branches = 0;
	for (let i = 0; i < size; i++) if (hasChildren[i] === 1) branchOf[i] = branches++;
	return {nodes, parent, end, depth, hasChildren, branchOf, branches, size};
}

/** Index of a node by absolute path ("/etc/passwd"), -1 when absent. */
export function indexOfPath(index: TreeIndex, path: string): number {
	let at = 0;
	for (const part of path.split('/')) {
		if (!part) continue;
		let child = at + 1;
		let found = -1;
		while (child < index.end[at]!) {
			if (index.nodes[child]!.name === part) {
				found = child;
				break;
			}
			child = index.end[child]!;
		}
		if (found < 0) return -1;
		at = found;
	}
	return at;
}
