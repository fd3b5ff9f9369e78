import {useEffect} from 'react';
import type {ExplorerData} from '../state/explorer-data.js';
import {namesTextStep} from '../tree/names-text.js';

/** Wait after the image is in before indexing starts, and names written per slice (~2-3 ms each on 440k paths). */
export const indexingAfterMs = 300;
export const namesPerSlice = 10_000;

/**
 * Once every layer is in, the explorer indexes the image's names for find (names-text.ts)
 * in small slices between keys, so the first find is as fast as the later ones.
 */
export function useIdleIndexing(data: ExplorerData): void {
	useEffect(() => {
		if (data.image.pending) return;
		let slice: NodeJS.Immediate | undefined;
		const step = () => {
			if (!namesTextStep(data.index, namesPerSlice)) slice = setImmediate(step);
		};
		const start = setTimeout(step, indexingAfterMs);
		return () => {
			clearTimeout(start);
			clearImmediate(slice);
		};
	}, [data]);
}
