import {useEffect, useRef} from 'react';
import type {ExplorerState} from '../state/explorer-state.js';
import {prefetchLayer, prefetchTargets} from '../state/prefetch-targets.js';

/**
 * A layer step on a big image is a few passes over every path (~15-25 ms at 440k paths):
 * while the explorer is idle, the neighbour the user is heading for is computed ahead, just
 * after the frame is out (the other one only after a pause, so a key arriving meanwhile
 * waits on at most one). Reaching it then costs only the rows and the frame. Nothing is
 * computed ahead while the image still loads.
 */
export const otherNeighbourAfterMs = 100;

export function useTreePrefetch(state: ExplorerState): void {
	const previous = useRef(state.layer);
	const {data, layer, mode, hidden, layerOrder} = state;
	const filter = state.filter.matches;
	useEffect(() => {
		// While layers are still stacking, the main thread has better things to do.
		if (data.image.pending) return;
		const [ahead, behind] = prefetchTargets(state, previous.current);
		previous.current = layer;
		let behindTimer: NodeJS.Timeout | undefined;
		const aheadTask = setImmediate(() => {
			if (ahead !== undefined) prefetchLayer(state, ahead);
			if (behind !== undefined) behindTimer = setTimeout(() => prefetchLayer(state, behind), otherNeighbourAfterMs);
		});
		return () => {
			clearImmediate(aheadTask);
			clearTimeout(behindTimer);
		};
		// The state's other fields do not change what a layer step shows.
	}, [data, layer, mode, hidden, filter, layerOrder]);
}
