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

/** Scratch for flattenBySize, kept between calls (only ever read within one): groups, their sizes, and room to merge them. */
interface Scratch {
	start: Int32Array;
	kids: Int32Array;
	sizes: Float64Array;
	mergeKids: Int32Array;
	mergeSizes: Float64Array;
}

let scratch: Scratch = {start: new Int32Array(0), kids: new Int32Array(0), sizes: new Float64Array(0), mergeKids: new Int32Array(0), mergeSizes: new Float64Array(0)};

function scratchFor(branches: number, shownCount: number): Scratch {
	if (scratch.start.length < branches + 1 || scratch.kids.length < shownCount) {
		const groups = Math.max(branches + 1, scratch.start.length);
		const rows = Math.max(shownCount, scratch.kids.length);
		scratch = {start: new Int32Array(groups), kids: new Int32Array(rows), sizes: new Float64Array(rows), mergeKids: new Int32Array(rows), mergeSizes: new Float64Array(rows)};
	}
	return scratch;
}

/**
 * Each directory's shown children largest first (ties in name order), depth first. One pass
 * groups every shown node under its parent (in name order, as the preorder has them), each
 * group is sorted on its own sizes, then the rows are read out with a stack of groups: no
 * array or object per directory (it was ~80 ms on 440k paths, now a few).
 */
function flattenBySize(index: TreeIndex, shown: ShownNodes, collapsed: Uint8Array): FlatRows {
	const {parent, branchOf, branches, hasChildren, size: n} = index;
	const visible = shown.shown;
	const work = scratchFor(branches, shown.count);
	const {start, kids, sizes} = work;
	start.fill(0, 0, branches + 1);
	for (let i = 1; i < n; i++) if (visible[i] === 1) start[branchOf[parent[i]!]! + 1]!++;
	for (let b = 0; b < branches; b++) start[b + 1]! += start[b]!;
	// start[b] is now where group b begins; fill moves it to where it ends, then it is shifted back.
	for (let i = 1; i < n; i++) {
		if (visible[i] === 0) continue;
		const at = start[branchOf[parent[i]!]!]!++;
		kids[at] = i;
		sizes[at] = shownSize(shown, i);
	}
	for (let b = branches; b > 0; b--) start[b] = start[b - 1]!;
	start[0] = 0;
	for (let b = 0; b < branches; b++) sortGroup(work, start[b]!, start[b + 1]!);

	const out = new Int32Array(shown.count);
	const lastChild = new Uint8Array(n);
	let length = 0;
	// Per open group: the next position to read and where it ends.
	const next: number[] = [];
	const ends: number[] = [];
	const open = (i: number) => {
		const b = branchOf[i]!;
		if (b < 0 || start[b] === start[b + 1]) return;
		lastChild[kids[start[b + 1]! - 1]!] = 1;
		next.push(start[b]!);
		ends.push(start[b + 1]!);
	};
	open(0);
	while (next.length > 0) {
		const top = next.length - 1;
		if (next[top]! >= ends[top]!) {
			next.pop();
			ends.pop();
			continue;
		}
		const i = kids[next[top]!++]!;
		out[length++] = i;
		if (hasChildren[i] === 1 && collapsed[i] !== 1) open(i);
	}
	return {rows: out.subarray(0, length), lastChild};
}

const RUN = 24;

/** Sorts kids[from, to) by size, largest first; equal sizes keep their (name) order. */
function sortGroup({kids, sizes, mergeKids, mergeSizes}: Scratch, from: number, to: number): void {
	if (to - from < 2) return;
	for (let run = from; run < to; run += RUN) insertionSort(kids, sizes, run, Math.min(run + RUN, to));
	if (to - from <= RUN) return;
	// Bottom-up merges of the sorted runs (stable), through the merge scratch and back.
	let width = RUN;
	let fromKids: Int32Array = kids;
	let fromSizes: Float64Array = sizes;
	let toKids: Int32Array = mergeKids;
	let toSizes: Float64Array = mergeSizes;
	while (from + width < to) {
		for (let left = from; left < to; left += 2 * width) {
			const middle = Math.min(left + width, to);
			const right = Math.min(left + 2 * width, to);
			let a = left;
			let b = middle;
			let k = left;
			while (a < middle && b < right) {
				// The left run wins ties: it holds the earlier names.
				if (fromSizes[b]! > fromSizes[a]!) {
					toKids[k] = fromKids[b]!;
					toSizes[k++] = fromSizes[b++]!;
				} else {
					toKids[k] = fromKids[a]!;
					toSizes[k++] = fromSizes[a++]!;
				}
			}
			while (a < middle) {
				toKids[k] = fromKids[a]!;
				toSizes[k++] = fromSizes[a++]!;
			}
			while (b < right) {
				toKids[k] = fromKids[b]!;
				toSizes[k++] = fromSizes[b++]!;
			}
		}
		[fromKids, toKids] = [toKids, fromKids];
		[fromSizes, toSizes] = [toSizes, fromSizes];
		width *= 2;
	}
	if (fromKids !== kids) {
		kids.set(fromKids.subarray(from, to), from);
		sizes.set(fromSizes.subarray(from, to), from);
	}
}

function insertionSort(kids: Int32Array, sizes: Float64Array, from: number, to: number): void {
	for (let j = from + 1; j < to; j++) {
		const kid = kids[j]!;
		const size = sizes[j]!;
		let k = j - 1;
		while (k >= from && sizes[k]! < size) {
			kids[k + 1] = kids[k]!;
			sizes[k + 1] = sizes[k]!;
			k--;
		}
		kids[k + 1] = kid;
		sizes[k + 1] = size;
	}
}
