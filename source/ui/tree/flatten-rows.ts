import {shownSize, type ShownNodes} from './shown-nodes.js';
import type {TreeIndex} from './tree-index.js';

export type SortOrder = 'name' | 'size';

/** The tree as the list of rows it shows; recomputed only when the tree's shape changes. */
export interface FlatRows {
	/** Node index per row. */
	rows: Int32Array;
	/** Per node: 1 when it is the last shown child of its parent (draws └── instead of ├──). */
	lastChild: Uint8Array;
}

/** Shown children of `i`, in display order. */
export function shownChildren(index: TreeIndex, shown: ShownNodes, i: number, sort: SortOrder): number[] {
	const kids: number[] = [];
	for (let c = i + 1; c < index.end[i]!; c = index.end[c]!) if (shown.shown[c]) kids.push(c);
	// Ties keep name order: the index is already sorted by name.
	if (sort === 'size') kids.sort((a, b) => shownSize(shown, b) - shownSize(shown, a) || a - b);
	return kids;
}

/** Rows of every shown node whose ancestors are all expanded. */
export function flattenRows(index: TreeIndex, shown: ShownNodes, collapsed: Uint8Array, sort: SortOrder): FlatRows {
	return sort === 'name' ? flattenByName(index, shown, collapsed) : flattenBySize(index, shown, collapsed);
}

/** Name order is the index's preorder: one pass, skipping hidden and collapsed subtrees. */
function flattenByName(index: TreeIndex, shown: ShownNodes, collapsed: Uint8Array): FlatRows {
	const rows = new Int32Array(shown.count);
	const {end, hasChildren} = index;
	const visible = shown.shown;
	let length = 0;
	let i = 1;
	while (i < index.size) {
		if (visible[i] === 0) {
			i = end[i]!;
			continue;
		}
		rows[length++] = i;
		i = hasChildren[i] === 1 && collapsed[i] === 1 ? end[i]! : i + 1;
	}
	return {rows: rows.subarray(0, length), lastChild: shown.lastByName};
}

function flattenBySize(index: TreeIndex, shown: ShownNodes, collapsed: Uint8Array): FlatRows {
	const out = new Int32Array(shown.count);
	const lastChild = new Uint8Array(index.size);
	let length = 0;
	// Pending siblings, consumed front to back.
	const stack: Array<{kids: number[]; at: number}> = [];
	const open = (i: number) => {
		const kids = shownChildren(index, shown, i, 'size');
		if (kids.length > 0) {
			lastChild[kids[kids.length - 1]!] = 1;
			stack.push({kids, at: 0});
		}
	};
	open(0);
	while (stack.length > 0) {
		const top = stack[stack.length - 1]!;
		if (top.at >= top.kids.length) {
			stack.pop();
			continue;
		}
		const i = top.kids[top.at++]!;
		out[length++] = i;
		if (index.hasChildren[i] && !collapsed[i]) open(i);
	}
	return {rows: out.subarray(0, length), lastChild};
}
