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
	/**
	 * Set while the image is still loading (the explorer opens early): only layers
	 * 0 … stacked − 1 are in the model and `layers` — and with `partial`, the entries of
	 * layer `stacked` read so far too (layer 0 is stacked as it is read) — and `analysis`
	 * is not computed yet: its figures need every layer, so views say "loading" instead.
	 */
	pending?: {stacked: number; partial: boolean};
}
