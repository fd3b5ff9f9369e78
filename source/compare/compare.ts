import type {AnalyzedImage} from '../load/analyzed-image.js';
import {compareConfig} from './config.js';
import {compareFiles} from './files.js';
import {compareLayers} from './layers.js';
import {imageTotals} from './totals.js';
import type {ImageComparison} from './types.js';

/** Everything that differs between two loaded images: layers, pull cost, final filesystems, config. */
export function compareImages(oldImage: AnalyzedImage, newImage: AnalyzedImage): ImageComparison {
	return {
		old: imageTotals(oldImage),
		new: imageTotals(newImage),
		...compareLayers(oldImage, newImage),
		files: compareFiles(oldImage.model, newImage.model),
		config: compareConfig(oldImage.handle.config, newImage.handle.config),
	};
}
