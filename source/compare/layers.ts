import type {AnalyzedImage} from '../load/analyzed-image.js';
import type {LayerRow} from './types.js';

interface SideLayer {
	index: number;
	diffId: string;
	blobDigest: string;
	sizeBytes: number;
	compressedSize: number;
}

function sideLayers(image: AnalyzedImage): SideLayer[] {
	return image.layers.map((contents, index) => ({
		index,
		diffId: contents.diffId,
		// The digest the source named, else the one computed while reading (e.g. a legacy docker save).
		blobDigest: image.handle.layers[index]?.digest ?? contents.digest,
		sizeBytes: image.model.layers[index]?.sizeBytes ?? 0,
		compressedSize: contents.compressedSize,
	}));
}

export interface LayerComparison {
	sharedLayers: number;
	layers: LayerRow[];
	pullBytes: number;
	layersAlreadyPresent: number;
}

/**
 * The layers of both images side by side: one row per distinct diff_id (OLD's order,
 * then the ones only NEW has), the shared base, and what pulling NEW costs a machine
 * that holds OLD — blobs are fetched by digest, so the same content compressed
 * differently is downloaded again.
 */
export function compareLayers(oldImage: AnalyzedImage, newImage: AnalyzedImage): LayerComparison {
	const olds = sideLayers(oldImage);
	const news = sideLayers(newImage);
	let sharedLayers = 0;
	while (sharedLayers < olds.length && sharedLayers < news.length && olds[sharedLayers]!.diffId === news[sharedLayers]!.diffId) sharedLayers++;

	const firstBy = (list: SideLayer[]) => {
		const map = new Map<string, SideLayer>();
		for (const layer of list) if (!map.has(layer.diffId)) map.set(layer.diffId, layer);
		return map;
	};
	const oldByDiffId = firstBy(olds);
	const newByDiffId = firstBy(news);
	const layers: LayerRow[] = [];
	const row = (a: SideLayer | undefined, b: SideLayer | undefined): LayerRow => ({
		diffId: (a ?? b)!.diffId,
		oldIndex: a?.index ?? null,
		newIndex: b?.index ?? null,
		sizeBytes: (a ?? b)!.sizeBytes,
		oldBlobDigest: a?.blobDigest ?? null,
		newBlobDigest: b?.blobDigest ?? null,
		blobShared: a !== undefined && b !== undefined && a.blobDigest === b.blobDigest,
	});
	for (const a of oldByDiffId.values()) layers.push(row(a, newByDiffId.get(a.diffId)));
	for (const b of newByDiffId.values()) if (!oldByDiffId.has(b.diffId)) layers.push(row(undefined, b));

	const oldBlobs = new Set(olds.map(l => l.blobDigest));
	const fetched = new Set<string>();
	let pullBytes = 0;
	let layersAlreadyPresent = 0;
	for (const layer of news) {
		if (oldBlobs.has(layer.blobDigest)) layersAlreadyPresent++;
		else if (!fetched.has(layer.blobDigest)) {
			fetched.add(layer.blobDigest);
			pullBytes += layer.compressedSize;
		}
	}
	return {sharedLayers, layers, pullBytes, layersAlreadyPresent};
}
