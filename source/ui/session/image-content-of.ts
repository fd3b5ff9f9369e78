import {ImageContent} from '../../content/image-content.js';
import type {AnalyzedImage} from '../../load/analyzed-image.js';

const contents = new WeakMap<AnalyzedImage, ImageContent>();

/** One content reader per image (it indexes each layer's entries once, on first use). */
export function imageContentOf(image: AnalyzedImage): ImageContent {
	let content = contents.get(image);
	if (!content) contents.set(image, (content = new ImageContent(image)));
	return content;
}
