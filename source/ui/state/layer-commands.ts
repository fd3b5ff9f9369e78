import type {Command} from '../keymap/commands.js';
import {layerListIn} from '../layers/layer-order.js';
import type {ExplorerState} from './explorer-state.js';
import {moveDelta, scrollToShow} from './list-cursor.js';
import {rebuildTree} from './rebuild-tree.js';
import {readyLayers} from './ready-layers.js';

/**
 * A movement in the Layers pane: moves through the layers in the order the pane shows them
 * (the image's, or ranked by size) and selects the one it lands on, rebuilding the tree's view.
 */
export function moveLayer(state: ExplorerState, command: Command): ExplorerState {
	const {layerCount} = state.data;
	if (layerCount === 0) return state;
	const list = layerListIn(state.data, state.layerOrder);
	const at = list.positionOfLayer[state.layer] ?? 0;
	const position = Math.min(Math.max(at + moveDelta(command, state.viewport.layerRows, layerCount, at), 0), layerCount - 1);
	const target = list.order[position]!;
	if (target < readyLayers(state.data)) return selectLayer(state, target);
	// While loading: as far as the layers stacked so far go (in size order, the nearest ready one).
	const step = position > at ? 1 : -1;
	for (let p = position; p !== at; p -= step) {
		if (list.order[p]! < readyLayers(state.data)) return {...selectLayer(state, list.order[p]!), notice: stillLoading(state, target)};
	}
	return {...state, notice: stillLoading(state, target)};
}

/** The Layers pane's scroll that shows `layer`'s row, moving as little as possible. */
export function layerScrollFor(state: ExplorerState, layer: number, height: number): number {
	const list = layerListIn(state.data, state.layerOrder);
	const rows = list.rows.length;
	const position = list.positionOfLayer[layer] ?? 0;
	// The first and last layers of the list bring the metadata steps before/after them into view.
	const row = position === 0 ? 0 : position === state.data.layerCount - 1 ? rows - 1 : list.rowOfLayer[layer]!;
	const scroll = scrollToShow(row, state.layerScroll, rows, height);
	return scrollToShow(list.rowOfLayer[layer] ?? 0, scroll, rows, height);
}

/** Selects layer `target` (its number, clamped) as moving there would: in view in the Layers pane, the tree at that layer. */
export function selectLayer(state: ExplorerState, target: number): ExplorerState {
	const {layerCount} = state.data;
	if (layerCount === 0) return state;
	const layer = Math.min(Math.max(target, 0), layerCount - 1);
	if (layer >= readyLayers(state.data)) return {...state, notice: stillLoading(state, layer)};
	const layerScroll = layerScrollFor(state, layer, state.viewport.layerRows);
	if (layer === state.layer) return {...state, layerScroll};
	return rebuildTree(state, {...state, layer, layerScroll}, 'view');
}

/** `s`: the Layers pane ranked by size, or back in image order; the same layer stays selected. */
export function toggleLayerOrder(state: ExplorerState): ExplorerState {
	const next: ExplorerState = {...state, layerOrder: state.layerOrder === 'image' ? 'size' : 'image', layerScroll: 0};
	return {...next, layerScroll: layerScrollFor(next, state.layer, state.viewport.layerRows)};
}

function stillLoading(state: ExplorerState, layer: number): string {
	const ready = readyLayers(state.data);
	return `layer ${layer} is still loading: ${ready === 1 ? 'layer 0' : `layers 0–${ready - 1}`} of ${state.data.layerCount} can be shown so far`;
}

/** Current-layer or aggregated view. */
export function setViewMode(state: ExplorerState, mode: ExplorerState['mode']): ExplorerState {
	return state.mode === mode ? state : rebuildTree(state, {...state, mode}, 'view');
}
