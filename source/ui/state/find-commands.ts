import {findMatches} from '../tree/find-matches.js';
import {selectedNode, type ExplorerState} from './explorer-state.js';
import {scrollToShow} from './list-cursor.js';
import {rebuildTree} from './rebuild-tree.js';

export interface FindState {
	editing: boolean;
	text: string;
	/** Matching nodes in tree order (over the whole image; those not shown are skipped). */
	matches: Int32Array;
	/** The node the cursor was on when find opened: typing searches from there. */
	origin: number;
}

export const closedFind: FindState = {editing: false, text: '', matches: new Int32Array(0), origin: 0};

/** `/`: the find line, searching from the cursor. */
export function openFind(state: ExplorerState): ExplorerState {
	return {...state, focus: 'tree', find: {...closedFind, editing: true, origin: Math.max(selectedNode(state), 0)}};
}

/** New text: matched once over the index, the cursor on the first match from where find began. */
export function setFindText(state: ExplorerState, text: string): ExplorerState {
	const matches = text === '' ? closedFind.matches : findMatches(state.data.index, text, state.find);
	const next = {...state, find: {...state.find, text, matches}};
	const target = nextShown(next, state.find.origin, 1, true);
	return target < 0 ? next : jumpTo(next, target);
}

export function acceptFind(state: ExplorerState): ExplorerState {
	return {...state, find: {...state.find, editing: false}};
}

export function cancelFind(state: ExplorerState): ExplorerState {
	return {...state, find: closedFind};
}

/** n / N: the next or previous match after the cursor, wrapping around. */
export function findStep(state: ExplorerState, direction: 1 | -1): ExplorerState {
	if (state.find.matches.length === 0) return state;
	const target = nextShown(state, Math.max(selectedNode(state), 0), direction, false);
	return target < 0 ? {...state, notice: 'no match is shown at this layer'} : jumpTo(state, target);
}

/** The first match in the current view after (or at, with `inclusive`) node `from`, going `direction`, wrapping. */
function nextShown(state: ExplorerState, from: number, direction: 1 | -1, inclusive: boolean): number {
	const {matches} = state.find;
	const shown = state.shown.shown;
	const n = matches.length;
	if (n === 0) return -1;
	// The first match at or after `from`, by binary search.
	let low = 0;
	let high = n;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (matches[mid]! < from) low = mid + 1;
		else high = mid;
	}
	let start: number;
	if (direction === 1) start = inclusive || matches[low] !== from ? low : low + 1;
	else start = low - 1;
	for (let k = 0; k < n; k++) {
		const at = (((start + direction * k) % n) + n) % n;
		const node = matches[at]!;
		if (shown[node] === 1) return node;
	}
	return -1;
}

/** Puts the cursor on `node`, expanding its collapsed parents; the rest of the tree stays as it was. */
export function jumpTo(state: ExplorerState, node: number): ExplorerState {
	const {index} = state.data;
	let collapsed = state.collapsed;
	for (let p = index.parent[node]!; p > 0; p = index.parent[p]!) {
		if (collapsed[p] === 1) {
			if (collapsed === state.collapsed) collapsed = collapsed.slice();
			collapsed[p] = 0;
		}
	}
	const next = collapsed === state.collapsed ? state : rebuildTree(state, {...state, collapsed}, 'rows');
	const row = next.flat.rows.indexOf(node);
	if (row < 0) return next;
	const height = next.viewport.treeRows;
	const visible = row >= next.scroll && row < next.scroll + height;
	const scroll = visible ? next.scroll : scrollToShow(row, row - Math.floor(height / 3), next.flat.rows.length, height);
	return {...next, cursor: row, scroll};
}

/** "3/17": the cursor's place among the matches shown, or "0/17" off them. */
export function findPosition(state: ExplorerState): {at: number; count: number} {
	const {matches} = state.find;
	const shown = state.shown.shown;
	const selected = selectedNode(state);
	let count = 0;
	let at = 0;
	for (let k = 0; k < matches.length; k++) {
		if (shown[matches[k]!] !== 1) continue;
		count++;
		if (matches[k] === selected) at = count;
	}
	return {at, count};
}
