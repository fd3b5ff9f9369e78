import type {HistoryMapping, HistoryStep} from '../../model/history.js';

/** One line of the Layers pane: a layer, or a metadata-only history step shown between layers. */
export type LayerListRow =
	| {kind: 'layer'; layer: number; step: HistoryStep | null}
	| {kind: 'step'; step: HistoryStep};

export interface LayerList {
	rows: LayerListRow[];
	/** Row of each layer. */
	rowOfLayer: number[];
	/** The layers in the order their rows show them, and each layer's place in it. */
	order: number[];
	positionOfLayer: number[];
}

/**
 * Layers in order, with each metadata-only step (ENV, CMD, …) placed after the layer
 * built before it. Steps before the first layer come first.
 */
export function buildLayerList(layerCount: number, history: HistoryMapping): LayerList {
	const rows: LayerListRow[] = [];
	const rowOfLayer: number[] = [];
	let nextLayer = 0;
	const pushLayer = (step: HistoryStep | null) => {
		rowOfLayer.push(rows.length);
		rows.push({kind: 'layer', layer: nextLayer, step});
		nextLayer++;
	};
	for (const step of history.steps) {
		if (step.layer !== null) {
			// Layers without a history step of their own (short history) come before it.
			while (nextLayer < step.layer) pushLayer(history.layerSteps[nextLayer] ?? null);
			if (nextLayer === step.layer) pushLayer(step);
		} else {
			rows.push({kind: 'step', step});
		}
	}
	while (nextLayer < layerCount) pushLayer(history.layerSteps[nextLayer] ?? null);
	const order = rowOfLayer.map((_, layer) => layer);
	return {rows, rowOfLayer, order, positionOfLayer: order};
}
