import type {LayerContents} from '../layers/layer-entry.js';
import type {ImageModel} from '../model/types.js';
import {diveFigures} from './dive-efficiency.js';
import {reclaimableBytes} from './reclaimable.js';
import type {ImageAnalysis} from './types.js';

export function analyzeImage(model: ImageModel, layers: LayerContents[]): ImageAnalysis {
	return {
		dive: diveFigures(layers.map(layer => layer.entries)),
		reclaimable: reclaimableBytes(model),
	};
}
