import type {ExplorerData} from './explorer-data.js';

/** Layers the explorer can show: every one, or while the image loads the ones stacked so far. */
export function readyLayers(data: ExplorerData): number {
	const pending = data.image.pending;
	return pending ? pending.stacked + (pending.partial ? 1 : 0) : data.layerCount;
}

/** The layer's entries are all in (its files can be read: viewed, extracted, copied). */
export function layerComplete(data: ExplorerData, layer: number): boolean {
	return data.image.layers[layer] !== undefined;
}
