import type {Command} from '../keymap/commands.js';
import type {ExplorerState} from './explorer-state.js';
import {moveDelta, scrollToShow} from './list-cursor.js';
import {rebuildTree} from './rebuild-tree.js';

/** A movement in the Layers pane: selects another layer, which rebuilds the tree's view. */
export function moveLayer(state: ExplorerState, command: Command): ExplorerState {
	const {layerCount} = state.data;
	if (layerCount === 0) return state;
	return selectLayer(state, state.layer + moveDelta(command, state.viewport.layerRows, layerCount, state.layer));
}

/** Selects `target` (clamped) as moving there would: in view in the Layers pane, the tree at that layer. */
export function selectLayer(state: ExplorerState, target: number): ExplorerState {
	const {layerCount, layerList} = state.data;
	if (layerCount === 0) return state;
	const height = state.viewport.layerRows;
	const layer = Math.min(Math.max(target, 0), layerCount - 1);
	const rows = layerList.rows.length;
	// The first and last layers bring the metadata steps before/after them into view.
	const row = layer === 0 ? 0 : layer === layerCount - 1 ? rows - 1 : layerList.rowOfLayer[layer]!;
	let layerScroll = scrollToShow(row, state.layerScroll, rows, height);
	layerScroll = scrollToShow(layerList.rowOfLayer[layer]!, layerScroll, rows, height);
	if (layer === state.layer) return {...state, layerScroll};
	return rebuildTree(state, {...state, layer, layerScroll}, 'view');
}

/** Current-layer or aggregated view. */
export function setViewMode(state: ExplorerState, mode: ExplorerState['mode']): ExplorerState {
	return state.mode === mode ? state : rebuildTree(state, {...state, mode}, 'view');
}
