import type {ExplorerData} from '../state/explorer-data.js';
import type {LayerList, LayerListRow} from './layer-list.js';

/** How the Layers pane orders its rows: as the image stacks them, or ranked by size (`s`). */
export type LayerOrder = 'image' | 'size';

const bySize = new WeakMap<ExplorerData, LayerList>();

/**
 * The layers ranked by size, largest first (equal sizes in image order), each keeping its
 * number; metadata-only steps are left out, since they sit between layers in image order only.
 */
function rankBySize(data: ExplorerData): LayerList {
	const layers = data.image.model.layers;
	const order = data.layerList.order.slice().sort((a, b) => (layers[b]?.sizeBytes ?? 0) - (layers[a]?.sizeBytes ?? 0) || a - b);
	const rows: LayerListRow[] = order.map(layer => ({kind: 'layer', layer, step: data.image.history.layerSteps[layer] ?? null}));
	const positionOfLayer: number[] = [];
	order.forEach((layer, position) => (positionOfLayer[layer] = position));
	return {rows, rowOfLayer: positionOfLayer, order, positionOfLayer};
}

/** The Layers pane's rows in `order`; the ranking is built once per image. */
export function layerListIn(data: ExplorerData, order: LayerOrder): LayerList {
	if (order === 'image') return data.layerList;
	let list = bySize.get(data);
	if (!list) bySize.set(data, (list = rankBySize(data)));
	return list;
}
