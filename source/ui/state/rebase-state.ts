import {flattenRows} from '../tree/flatten-rows.js';
import {layerViewOf, shownNodesOf} from '../tree/tree-memo.js';
import {findMatches} from '../tree/find-matches.js';
import type {TreeIndex} from '../tree/tree-index.js';
import {compileFilter} from './filter-text.js';
import type {ExplorerData} from './explorer-data.js';
import {selectedNode, type ExplorerState} from './explorer-state.js';
import {layerScrollFor} from './layer-commands.js';
import {scrollToShow} from './list-cursor.js';
import {readyLayers} from './ready-layers.js';

/**
 * Where each node of `old` is in `next` (-1 if it is not there). The tree only grows while an
 * image loads and both indexes list it in the same order (preorder, children by name), so
 * the old nodes are a subsequence of the new ones: one walk over both, no path strings.
 */
export function mapNodes(old: TreeIndex, next: TreeIndex): Int32Array {
	const map = new Int32Array(old.size).fill(-1);
	let i = 0;
	for (let j = 0; j < next.size && i < old.size; j++) {
		if (next.nodes[j] === old.nodes[i]) map[i++] = j;
	}
	return map;
}

/**
 * The explorer moved onto newer data of the same image (more layers stacked, or the load
 * finished): the same layer, the cursor on the same path at the same height, the same
 * directories collapsed, the filter and find applied to the new tree.
 */
export function rebaseExplorerState(state: ExplorerState, data: ExplorerData): ExplorerState {
	const old = state.data.index;
	const index = data.index;
	const map = mapNodes(old, index);
	const collapsed = state.allCollapsed ? index.hasChildren.slice() : new Uint8Array(index.size);
	collapsed[0] = 0;
	for (let i = 0; i < old.size; i++) {
		const j = map[i]!;
		if (j >= 0) collapsed[j] = state.collapsed[i]!;
	}
	const layer = Math.min(state.layer, Math.max(readyLayers(data) - 1, 0));
	// The text the tree reflected, matched again over the new tree (an invalid one keeps its error, unapplied).
	const compiled = state.filter.matches ? compileFilter(index, {...state.filter, text: state.filter.applied}) : state.filter;
	const filter = compiled.error && compiled.matches === state.filter.matches ? {...compiled, matches: null} : compiled;
	const find = state.find.text ? {...state.find, matches: findMatches(index, state.find.text), origin: Math.max(map[state.find.origin] ?? 0, 0)} : state.find;
	const base: ExplorerState = {...state, data, layer, collapsed, filter: {...filter, text: state.filter.text}, find};
	const view = layerViewOf(index, data.versions, layer, state.mode);
	const shown = shownNodesOf(index, data.versions, view, state.hidden, base.filter.matches);
	const flat = flattenRows(index, shown, collapsed, state.sort);
	// The cursor stays on its node, or the nearest ancestor still shown.
	let cursor = 0;
	const selected = selectedNode(state);
	for (let node = selected >= 0 ? map[selected]! : -1; node > 0; node = index.parent[node]!) {
		const row = flat.rows.indexOf(node);
		if (row >= 0) {
			cursor = row;
			break;
		}
	}
	const scroll = scrollToShow(cursor, cursor - (state.cursor - state.scroll), flat.rows.length, state.viewport.treeRows);
	const next: ExplorerState = {...base, view, shown, flat, cursor, scroll};
	return {...next, layerScroll: layerScrollFor(next, layer, state.viewport.layerRows)};
}
