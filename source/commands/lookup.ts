import {PeelError} from '../errors.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import {explainFailure} from '../content/explain-path.js';
import {resolvePath} from '../content/resolve-path.js';
import type {FileVersion, PathNode} from '../model/types.js';

/** A path as the user typed it, made absolute inside the image (`etc/passwd` is `/etc/passwd`). */
export function imagePath(text: string): string {
	return text.startsWith('/') ? text : `/${text}`;
}

/** Looks a path up at `layer` (see resolvePath); a failure is one line for the user. */
export function lookUp(image: AnalyzedImage, text: string, layer: number, followLast: boolean): {node: PathNode; version: FileVersion} {
	const path = imagePath(text);
	const found = resolvePath(image.model.root, path, layer, followLast);
	if (!found.ok) throw new PeelError(explainFailure(image.model.root, path, found, layer, image.model.layerCount));
	return found;
}
