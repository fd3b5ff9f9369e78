import type {ImageHandle} from '../sources/image-handle.js';
import {normalizePlatform} from '../sources/platform.js';

/**
 * `peel.platforms`: every image of the index the manifest was picked from, the picked one
 * `chosen`. Attestations are not platforms; a single-platform image (no index, or an index
 * of one image, as Docker ≥ 25 saves every image) gives [].
 */
export function jsonPlatforms(handle: ImageHandle): Array<Record<string, unknown>> {
	const images = (handle.indexEntries ?? []).filter(entry => !entry.attestation);
	if (images.length < 2) return [];
	return images.map(entry => {
		const platform = entry.platform ? normalizePlatform(entry.platform) : null;
		return {
			os: platform?.os ?? null,
			architecture: platform?.architecture ?? null,
			variant: platform?.variant ?? null,
			digest: entry.digest,
			chosen: entry.digest === handle.digest,
		};
	});
}
