import {deltaOf, type DiffTree} from './diff-tree.js';

export type DiffSort = 'name' | 'delta';

/** The tree as the rows it shows: recomputed when collapse, filter or sort change. */
export interface DiffRows {
	/** Node index per row. */
	rows: Int32Array;
	/** Per node: 1 when it is the last shown child of its parent (└── instead of ├──). */
	lastChild: Uint8Array;
}

/**
 * Per node, 1 when shown: everything without a filter, else the matches and their
 * ancestors (so a match is always reachable), as the explorer's filter does.
 */
export function shownByFilter(tree: DiffTree, matches: Uint8Array | null): Uint8Array {
	const shown = new Uint8Array(tree.size);
	if (!matches) return shown.fill(1);
	shown[0] = 1;
	for (let i = tree.size - 1; i > 0; i--) {
		if (matches[i] !== 1) continue;
		for (let a = i; a >= 0 && shown[a] === 0; a = tree.parent[a]!) shown[a] = 1;
	}
	return shown;
}

function children(tree: DiffTree, shown: Uint8Array, i: number, sort: DiffSort): number[] {
	const kids: number[] = [];
	for (let c = i + 1; c < tree.end[i]!; c = tree.end[c]!) if (shown[c] === 1) kids.push(c);
	// The biggest change first, growth or shrinkage; ties keep name order.
	if (sort === 'delta') kids.sort((a, b) => Math.abs(deltaOf(tree, b)) - Math.abs(deltaOf(tree, a)) || a - b);
	return kids;
}

/** Rows of every shown node whose ancestors are expanded, children in `sort` order. Its own stack: depth is the image's. */
export function flattenDiffRows(tree: DiffTree, shown: Uint8Array, collapsed: Uint8Array, sort: DiffSort): DiffRows {
	const rows: number[] = [];
	const lastChild = new Uint8Array(tree.size);
	const stack: Array<{kids: number[]; at: number}> = [];
	const open = (i: number) => {
		const kids = children(tree, shown, i, sort);
		if (kids.length === 0) return;
		lastChild[kids[kids.length - 1]!] = 1;
		stack.push({kids, at: 0});
	};
	open(0);
	while (stack.length > 0) {
		const top = stack[stack.length - 1]!;
		if (top.at >= top.kids.length) {
			stack.pop();
			continue;
		}
		const i = top.kids[top.at++]!;
		rows.push(i);
		if (tree.hasChildren[i] === 1 && collapsed[i] !== 1) open(i);
	}
	return {rows: Int32Array.from(rows), lastChild};
}
