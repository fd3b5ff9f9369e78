import {layerListIn} from '../layers/layer-order.js';
import {layerViewOf, shownNodesOf} from '../tree/tree-memo.js';
import type {ExplorerState} from './explorer-state.js';
import {readyLayers} from './ready-layers.js';

/**
 * The layers a next layer step would land on, in the order worth computing them ahead: the
 * neighbour in the direction the selection last moved first (a held arrow key keeps going),
 * then the other. Neighbours as the Layers pane orders them; only layers already stacked.
 */
export function prefetchTargets(state: ExplorerState, previousLayer: number): number[] {
	const list = layerListIn(state.data, state.layerOrder);
	const at = list.positionOfLayer[state.layer];
	if (at === undefined) return [];
	const upward = (list.positionOfLayer[previousLayer] ?? at) > at;
	const positions = upward ? [at - 1, at + 1] : [at + 1, at - 1];
	const ready = readyLayers(state.data);
	return positions.map(p => list.order[p]).filter((layer): layer is number => layer !== undefined && layer < ready);
}

/** Computes (into the tree memo) what selecting `layer` would show with the current view mode, toggles and filter. */
export function prefetchLayer(state: ExplorerState, layer: number): void {
	const {index, versions} = state.data;
	shownNodesOf(index, versions, layerViewOf(index, versions, layer, state.mode), state.hidden, state.filter.matches);
}
