import type {Command} from '../keymap/commands.js';
import {moveBy, moveDelta, scrollToShow} from '../state/list-cursor.js';
import {flattenDiffRows} from './diff-rows.js';
import {selectedDiffNode, type DiffState} from './diff-state.js';

/** Rows again after collapse, filter or sort changed; the cursor stays on its node when that is still shown. */
export function rebuildRows(state: DiffState, next: DiffState): DiffState {
	const node = selectedDiffNode(state);
	const flat = flattenDiffRows(next.data.tree, next.shown, next.collapsed, next.sort);
	let cursor = node < 0 ? 0 : flat.rows.indexOf(node);
	if (cursor < 0) {
		// Hidden now: the nearest shown ancestor, else the top.
		cursor = 0;
		for (let a = next.data.tree.parent[node]!; a > 0; a = next.data.tree.parent[a]!) {
			const row = flat.rows.indexOf(a);
			if (row >= 0) {
				cursor = row;
				break;
			}
		}
	}
	const rows = next.viewport.treeRows;
	return {...next, flat, cursor, scroll: scrollToShow(cursor, next.scroll, flat.rows.length, rows)};
}

export function moveTreeCursor(state: DiffState, command: Command): DiffState {
	const count = state.flat.rows.length;
	const rows = state.viewport.treeRows;
	const position = moveBy(state, moveDelta(command, rows, count, state.cursor), count, rows);
	return {...state, ...position};
}

function setCollapsed(state: DiffState, node: number, value: 0 | 1): DiffState {
	if (state.collapsed[node] === value) return state;
	const collapsed = state.collapsed.slice();
	collapsed[node] = value;
	return rebuildRows(state, {...state, collapsed});
}

export function toggleCollapse(state: DiffState): DiffState {
	const node = selectedDiffNode(state);
	if (node <= 0 || state.data.tree.hasChildren[node] !== 1) return state;
	return setCollapsed(state, node, state.collapsed[node] === 1 ? 0 : 1);
}

export function toggleCollapseAll(state: DiffState): DiffState {
	const {tree} = state.data;
	const allCollapsed = !state.allCollapsed;
	const collapsed = new Uint8Array(tree.size);
	if (allCollapsed) collapsed.set(tree.hasChildren);
	return rebuildRows(state, {...state, collapsed, allCollapsed});
}

/** ← / h: collapse an open directory, else go to the parent. */
export function treeParent(state: DiffState): DiffState {
	const node = selectedDiffNode(state);
	if (node <= 0) return state;
	const {tree} = state.data;
	if (tree.hasChildren[node] === 1 && state.collapsed[node] !== 1) return setCollapsed(state, node, 1);
	const parent = tree.parent[node]!;
	if (parent <= 0) return state;
	const row = state.flat.rows.indexOf(parent);
	return row < 0 ? state : {...state, cursor: row, scroll: scrollToShow(row, state.scroll, state.flat.rows.length, state.viewport.treeRows)};
}

/** → / l: expand a collapsed directory, else go to its first child. */
export function treeExpand(state: DiffState): DiffState {
	const node = selectedDiffNode(state);
	if (node <= 0 || state.data.tree.hasChildren[node] !== 1) return state;
	if (state.collapsed[node] === 1) return setCollapsed(state, node, 0);
	return moveTreeCursor(state, 'move-down');
}

export function toggleSort(state: DiffState): DiffState {
	return rebuildRows(state, {...state, sort: state.sort === 'name' ? 'delta' : 'name'});
}
