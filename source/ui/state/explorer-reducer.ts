import type {Command, Scope} from '../keymap/commands.js';
import type {KeyName} from '../keymap/keymap.js';
import {resolveCommand} from '../keymap/resolve-command.js';
import type {HiddenKinds} from '../tree/shown-nodes.js';
import {applyFilterText} from './apply-filter-text.js';
import {closedFilter, selectedNode, type ExplorerState, type Viewport} from './explorer-state.js';
import {moveBy, moveTo, scrollToShow} from './list-cursor.js';
import {rebuildTree} from './rebuild-tree.js';

export type ExplorerAction =
	/** A keypress: its names (see keyNames) and the text it typed. */
	| {type: 'key'; names: KeyName[]; text: string}
	| {type: 'command'; command: Command}
	/** Text typed into the filter line. */
	| {type: 'filter-type'; text: string}
	| {type: 'viewport'; viewport: Viewport};

/** Which keymap scopes are live, most specific first. */
export function activeScopes(state: ExplorerState): Scope[] {
	if (state.help) return ['help'];
	if (state.filter.editing) return ['filter'];
	return [state.focus, 'global'];
}

/**
 * Key → state. Keys are resolved here, against the state they apply to, so keys that
 * arrive together are never read against a stale state.
 */
export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
	switch (action.type) {
		case 'key': {
			const command = resolveCommand(action.names, activeScopes(state));
			if (command) return runCommand(state, command);
			if (state.filter.editing && isPrintable(action.text)) return setFilterText(state, state.filter.text + action.text);
			return state;
		}
		case 'command':
			return runCommand(state, action.command);
		case 'filter-type':
			return setFilterText(state, state.filter.text + action.text);
		case 'viewport':
			return resize(state, action.viewport);
	}
}

function runCommand(state: ExplorerState, command: Command): ExplorerState {
	switch (command) {
		case 'quit':
			return {...state, quitting: true};
		case 'toggle-help':
			return {...state, help: !state.help};
		case 'close-help':
			return {...state, help: false};
		case 'switch-pane':
			return {...state, focus: state.focus === 'layers' ? 'tree' : 'layers'};
		case 'open-filter':
			return {...state, filter: {...state.filter, editing: true}};
		case 'filter-accept':
			return {...state, focus: 'tree', filter: {...state.filter, editing: false}};
		case 'filter-cancel':
			return rebuildTree(state, {...state, filter: closedFilter}, 'shown');
		case 'filter-backspace':
			return setFilterText(state, state.filter.text.slice(0, -1));
		case 'view-aggregated':
			return state.mode === 'aggregated' ? state : rebuildTree(state, {...state, mode: 'aggregated'}, 'view');
		case 'view-layer':
			return state.mode === 'layer' ? state : rebuildTree(state, {...state, mode: 'layer'}, 'view');
		case 'move-up':
		case 'move-down':
		case 'page-up':
		case 'page-down':
		case 'move-first':
		case 'move-last':
			return state.focus === 'layers' && !state.filter.editing ? moveLayer(state, command) : moveTree(state, command);
		case 'tree-parent':
			return treeParent(state);
		case 'tree-expand':
			return treeExpand(state);
		case 'toggle-collapse':
			return toggleCollapse(state, selectedNode(state));
		case 'toggle-collapse-all':
			return toggleCollapseAll(state);
		case 'hide-added':
			return toggleHidden(state, 'added');
		case 'hide-removed':
			return toggleHidden(state, 'removed');
		case 'hide-modified':
			return toggleHidden(state, 'modified');
		case 'hide-unmodified':
			return toggleHidden(state, 'unmodified');
		case 'toggle-attributes':
			return {...state, showAttributes: !state.showAttributes};
		case 'toggle-sort':
			return rebuildTree(state, {...state, sort: state.sort === 'name' ? 'size' : 'name'}, 'rows');
	}
}

function delta(command: Command, page: number, count: number, at: number): number {
	switch (command) {
		case 'move-up':
			return -1;
		case 'move-down':
			return 1;
		case 'page-up':
			return -Math.max(page, 1);
		case 'page-down':
			return Math.max(page, 1);
		case 'move-first':
			return -at;
		default:
			return count - 1 - at;
	}
}

function moveLayer(state: ExplorerState, command: Command): ExplorerState {
	const {layerCount, layerList} = state.data;
	if (layerCount === 0) return state;
	const layer = Math.min(Math.max(state.layer + delta(command, state.viewport.layerRows, layerCount, state.layer), 0), layerCount - 1);
	const rows = layerList.rows.length;
	const height = state.viewport.layerRows;
	// The first and last layers bring the metadata steps before/after them into view.
	const row = layer === 0 ? 0 : layer === layerCount - 1 ? rows - 1 : layerList.rowOfLayer[layer]!;
	let layerScroll = scrollToShow(row, state.layerScroll, rows, height);
	layerScroll = scrollToShow(layerList.rowOfLayer[layer]!, layerScroll, rows, height);
	if (layer === state.layer) return {...state, layerScroll};
	return rebuildTree(state, {...state, layer, layerScroll}, 'view');
}

function moveTree(state: ExplorerState, command: Command): ExplorerState {
	const count = state.flat.rows.length;
	const height = state.viewport.treeRows;
	const position = moveBy(state, delta(command, height, count, state.cursor), count, height);
	return {...state, ...position};
}

function isDirectory(state: ExplorerState, node: number): boolean {
	return node > 0 && state.data.index.hasChildren[node] === 1;
}

function setCollapsed(state: ExplorerState, node: number, collapsed: boolean): ExplorerState {
	const next = state.collapsed.slice();
	next[node] = collapsed ? 1 : 0;
	return rebuildTree(state, {...state, collapsed: next}, 'rows');
}

function toggleCollapse(state: ExplorerState, node: number): ExplorerState {
	if (!isDirectory(state, node)) return state;
	return setCollapsed(state, node, state.collapsed[node] !== 1);
}

function treeParent(state: ExplorerState): ExplorerState {
	const node = selectedNode(state);
	if (node <= 0) return state;
	if (isDirectory(state, node) && state.collapsed[node] !== 1) return setCollapsed(state, node, true);
	const parent = state.data.index.parent[node]!;
	if (parent <= 0) return state;
	// The parent is always above its child.
	const row = state.flat.rows.lastIndexOf(parent, state.cursor);
	return row < 0 ? state : {...state, ...moveTo(state, row, state.flat.rows.length, state.viewport.treeRows)};
}

function treeExpand(state: ExplorerState): ExplorerState {
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

function toggleCollapseAll(state: ExplorerState): ExplorerState {
	const {index} = state.data;
	const allCollapsed = !state.allCollapsed;
	const collapsed = allCollapsed ? index.hasChildren.slice() : new Uint8Array(index.size);
	collapsed[0] = 0;
	return rebuildTree(state, {...state, collapsed, allCollapsed}, 'rows');
}

function toggleHidden(state: ExplorerState, kind: keyof HiddenKinds): ExplorerState {
	return rebuildTree(state, {...state, hidden: {...state.hidden, [kind]: !state.hidden[kind]}}, 'shown');
}

function setFilterText(state: ExplorerState, text: string): ExplorerState {
	const filter = applyFilterText(state.data.index, state.filter, text);
	if (filter.matches === state.filter.matches) return {...state, filter};
	return rebuildTree(state, {...state, filter}, 'shown');
}

function resize(state: ExplorerState, viewport: Viewport): ExplorerState {
	if (viewport.layerRows === state.viewport.layerRows && viewport.treeRows === state.viewport.treeRows) return state;
	const {layerList} = state.data;
	const layerScroll = scrollToShow(layerList.rowOfLayer[state.layer] ?? 0, state.layerScroll, layerList.rows.length, viewport.layerRows);
	const scroll = scrollToShow(state.cursor, state.scroll, state.flat.rows.length, viewport.treeRows);
	return {...state, viewport, layerScroll, scroll};
}

function isPrintable(text: string): boolean {
	// Pasted text arrives in one piece; control characters never belong in a regex typed by hand.
	return text.length > 0 && !/[\u0000-\u001f\u007f]/.test(text);
}
