import {findPattern} from '../tree/find-matches.js';
import {scrollToShow} from '../state/list-cursor.js';
import {shownByFilter} from './diff-rows.js';
import {closedDiffFilter, closedDiffFind, selectedDiffNode, type DiffState} from './diff-state.js';
import {rebuildRows} from './diff-tree-commands.js';

/** `/`: the find line, searching from the cursor (the explorer's rules: a regex or literal, on names or, with a `/`, paths). */
export function openDiffFind(state: DiffState): DiffState {
	return {...state, focus: 'tree', filter: {...state.filter, editing: false}, find: {...closedDiffFind, editing: true, origin: Math.max(selectedDiffNode(state), 0)}};
}

export function setDiffFindText(state: DiffState, text: string): DiffState {
	const {tree} = state.data;
	let matches = closedDiffFind.matches;
	if (text !== '') {
		const {regex, onPath} = findPattern(text);
		const found: number[] = [];
		for (let i = 1; i < tree.size; i++) if (regex.test(onPath ? tree.paths[i]! : tree.names[i]!)) found.push(i);
		matches = Int32Array.from(found);
	}
	const next = {...state, find: {...state.find, text, matches}};
	const target = nextMatch(next, state.find.origin, 1, true);
	return target < 0 ? next : jumpTo(next, target);
}

/** n / N: the next or previous shown match after the cursor, wrapping round. */
export function diffFindStep(state: DiffState, direction: 1 | -1): DiffState {
	if (state.find.matches.length === 0) return state;
	const target = nextMatch(state, Math.max(selectedDiffNode(state), 0), direction, false);
	return target < 0 ? {...state, notice: 'no match is shown (the filter hides them)'} : jumpTo(state, target);
}

function nextMatch(state: DiffState, from: number, direction: 1 | -1, inclusive: boolean): number {
	const {matches} = state.find;
	const n = matches.length;
	let low = 0;
	while (low < n && matches[low]! < from) low++;
	const start = direction === 1 ? (inclusive || matches[low] !== from ? low : low + 1) : low - 1;
	for (let k = 0; k < n; k++) {
		const node = matches[(((start + direction * k) % n) + n) % n]!;
		if (state.shown[node] === 1) return node;
	}
	return -1;
}

/** The cursor on `node`, its collapsed parents opened; the rest of the tree stays as it was. */
function jumpTo(state: DiffState, node: number): DiffState {
	const {tree} = state.data;
	let collapsed = state.collapsed;
	for (let p = tree.parent[node]!; p > 0; p = tree.parent[p]!) {
		if (collapsed[p] !== 1) continue;
		if (collapsed === state.collapsed) collapsed = collapsed.slice();
		collapsed[p] = 0;
	}
	const next = collapsed === state.collapsed ? state : rebuildRows(state, {...state, collapsed});
	const row = next.flat.rows.indexOf(node);
	if (row < 0) return next;
	const height = next.viewport.treeRows;
	const visible = row >= next.scroll && row < next.scroll + height;
	return {...next, cursor: row, scroll: visible ? next.scroll : scrollToShow(row, row - Math.floor(height / 3), next.flat.rows.length, height)};
}

/** "3/17": the cursor's place among the shown matches. */
export function diffFindPosition(state: DiffState): {at: number; count: number} {
	const selected = selectedDiffNode(state);
	let count = 0;
	let at = 0;
	for (const node of state.find.matches) {
		if (state.shown[node] !== 1) continue;
		count++;
		if (node === selected) at = count;
	}
	return {at, count};
}

/** Ctrl+F text: applied as typed (a diff lists only what differs, so even big ones stay small); an invalid regex keeps the last valid one. */
export function setDiffFilterText(state: DiffState, text: string): DiffState {
	if (text === '') return rebuildRows(state, {...state, filter: {...state.filter, text, matches: null, error: null}, shown: shownByFilter(state.data.tree, null)});
	let regex: RegExp;
	try {
		regex = new RegExp(text);
	} catch (error) {
		const reason = (error instanceof Error ? error.message : String(error)).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
		return {...state, filter: {...state.filter, text, error: `invalid regex: ${reason}`}};
	}
	const {tree} = state.data;
	const matches = new Uint8Array(tree.size);
	for (let i = 1; i < tree.size; i++) if (regex.test(tree.paths[i]!)) matches[i] = 1;
	return rebuildRows(state, {...state, filter: {...state.filter, text, matches, error: null}, shown: shownByFilter(tree, matches)});
}

export function cancelDiffFilter(state: DiffState): DiffState {
	return setDiffFilterText({...state, filter: closedDiffFilter}, '');
}
