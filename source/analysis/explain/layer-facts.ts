import {versionAt, versionIn} from '../../model/query.js';
import type {ChangeKind, ImageModel} from '../../model/types.js';
import {forEachBelow} from './walk.js';

/** What one layer wrote, per change kind: paths and the bytes it stored for them. */
export interface LayerFacts {
	paths: Record<ChangeKind, number>;
	stored: Record<ChangeKind, number>;
	/** Content bytes of the files it removed, as the layer below had them. */
	removedSize: number;
}

/** One walk over the tree (the model keeps versions per path, not per layer). */
export function layerFacts(model: ImageModel, layer: number): LayerFacts {
	const facts: LayerFacts = {paths: {added: 0, modified: 0, removed: 0, unchanged: 0}, stored: {added: 0, modified: 0, removed: 0, unchanged: 0}, removedSize: 0};
	forEachBelow(model.root, node => {
		const v = versionIn(node, layer);
		// A directory listed again (each parent of a new file usually is) changes nothing.
		if (!v || (v.change === 'unchanged' && v.type === 'dir')) return;
		facts.paths[v.change]++;
		facts.stored[v.change] += v.stored;
		if (v.change === 'removed' && layer > 0) {
			const before = versionAt(node, layer - 1);
			if (before?.type === 'file') facts.removedSize += before.size;
		}
	});
	return facts;
}
