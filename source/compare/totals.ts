import type {AnalyzedImage} from '../load/analyzed-image.js';
import {versionAt} from '../model/query.js';
import type {ImageModel, PathNode} from '../model/types.js';
import {formatPlatform} from '../sources/platform.js';
import type {ImageTotals} from './types.js';

/** Paths of the final filesystem that are not directories (its own stack: depth is the image's). */
function countFiles(model: ImageModel): number {
	const last = model.layerCount - 1;
	if (last < 0) return 0;
	let count = 0;
	const stack: PathNode[] = [model.root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		for (const child of node.children?.values() ?? []) {
			const version = versionAt(child, last);
			if (!version) continue;
			if (version.type === 'dir') stack.push(child);
			else count++;
		}
	}
	return count;
}

export function imageTotals(image: AnalyzedImage): ImageTotals {
	const {handle, analysis} = image;
	return {
		reference: handle.reference,
		digest: handle.digest,
		platform: handle.platform ? formatPlatform(handle.platform) : null,
		sizeBytes: analysis.dive.sizeBytes,
		compressedSizeBytes: image.layers.reduce((sum, layer) => sum + layer.compressedSize, 0),
		layerCount: image.layers.length,
		fileCount: countFiles(image.model),
		efficiencyScore: Number.isFinite(analysis.dive.efficiency) ? analysis.dive.efficiency : null,
		reclaimableBytes: analysis.reclaimable.totalBytes,
	};
}
