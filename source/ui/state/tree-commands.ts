import type {Command} from '../keymap/commands.js';
import type {HiddenKinds} from '../tree/shown-nodes.js';
import {selectedNode, type ExplorerState} from './explorer-state.js';
import {moveBy, moveDelta, moveTo} from './list-cursor.js';
import {rebuildTree} from './rebuild-tree.js';

/** A movement in the tree: only the cursor and the scroll change, never the rows. */
export function moveTree(state: ExplorerState, command: Command): ExplorerState {
	const count = state.flat.rows.length;
	const height = state.viewport.treeRows;
	return {...state, ...moveBy(state, moveDelta(command, height, count, state.cursor), count, height)};
}

function isDirectory(state: ExplorerState, node: number): boolean {
	return node > 0 && state.data.index.hasChildren[node] === 1;
}

function setCollapsed(state: ExplorerState, node: number, collapsed: boolean): ExplorerState {
	const next = state.collapsed.slice();
	next[node] = collapsed ? 1 : 0;
	return rebuildTree(state, {...state, collapsed: next}, 'rows');
}

/** Space: collapse or expand the directory under the cursor. */
export function toggleCollapse(state: ExplorerState): ExplorerState {
	const node = selectedNode(state);
	if (!isDirectory(state, node)) return state;
	return setCollapsed(state, node, state.collapsed[node] !== 1);
}

/** ←: collapse an expanded directory, else go to the parent. */
export function treeParent(state: ExplorerState): ExplorerState {
	const node = selectedNode(state);
	if (node <= 0) return state;
	if (isDirectory(state, node) && state.collapsed[node] !== 1) return setCollapsed(state, node, true);
	const parent = state.data.index.parent[node]!;
	if (parent <= 0) return state;
	// The parent is always above its child.
	const row = state.flat.rows.lastIndexOf(parent, state.cursor);
	return row < 0 ? state : {...state, ...moveTo(state, row, state.flat.rows.length, state.viewport.treeRows)};
}

/** →: expand a collapsed directory, else go to its first child. */
export function treeExpand(state: ExplorerState): ExplorerState {
	const node = selectedNode(state);
	if (!isDirectory(state, node)) return state;
	if (state.collapsed[node] === 1) return setCollapsed(state, node, false);
	const next = state.cursor + 1;
	const rows = state.flat.rows;
	if (next < rows.length && state.data.index.parent[rows[next]!] === node) {
		return {...state, ...moveTo(state, next, rows.length, state.viewport.treeRows)};
	}
	return state;
}

/** Ctrl+Space: collapse every directory, or expand them all again. */
export function toggleCollapseAll(state: ExplorerState): ExplorerState {
	const {index} = state.data;
	const allCollapsed = !state.allCollapsed;
	const collapsed = allCollapsed ? index.hasChildren.slice() : new Uint8Array(index.size);
	collapsed[0] = 0;
	return rebuildTree(state, {...state, collapsed, allCollapsed}, 'rows');
}

/** Ctrl+A/R/M/U: hide or show one kind of change. */
export function toggleHidden(state: ExplorerState, kind: keyof HiddenKinds): ExplorerState {
	return rebuildTree(state, {...state, hidden: {...state.hidden, [kind]: !state.hidden[kind]}}, 'shown');
}

/** Ctrl+O: by name or by size (largest first). */
export function toggleSort(state: ExplorerState): ExplorerState {
	return rebuildTree(state, {...state, sort: state.sort === 'name' ? 'size' : 'name'}, 'rows');
}
