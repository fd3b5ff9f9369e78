import type {ImageAnalysis} from '../analysis/types.js';
import type {LayerContents} from '../layers/layer-entry.js';
import type {HistoryMapping} from '../model/history.js';
import type {ImageModel} from '../model/types.js';
import type {ImageHandle} from '../sources/image-handle.js';

/** Everything the views (TUI, JSON, CI) need about one image. */
export interface AnalyzedImage {
	handle: ImageHandle;
	/** Per layer, in order: entries, verified digests, sizes. */
	layers: LayerContents[];
	model: ImageModel;
	analysis: ImageAnalysis;
	history: HistoryMapping;
	/** Every warning from source, reader and model, for the user. */
	warnings: string[];
}
