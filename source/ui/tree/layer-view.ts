import {viewState} from '../../model/query.js';
import type {FileVersion, ViewMode} from '../../model/types.js';
import {ChangeCode, changeCode} from './change-code.js';
import type {TreeIndex} from './tree-index.js';

/** Every node's state in one view (a layer, current or aggregated): the expensive per-layer pass. */
export interface LayerView {
	layer: number;
	mode: ViewMode;
	/** Version to show per node (null when absent). */
	version: Array<FileVersion | null>;
	change: Uint8Array;
}

export function computeLayerView(index: TreeIndex, layer: number, mode: ViewMode): LayerView {
	const version: Array<FileVersion | null> = new Array(index.size).fill(null);
	const change = new Uint8Array(index.size).fill(ChangeCode.Absent);
	const {nodes, end} = index;
	change[0] = ChangeCode.Untouched;
	let i = 1;
	while (i < index.size) {
		const state = viewState(nodes[i]!, layer, mode);
		if (!state) {
			// Nothing below an absent directory can be present either.
			i = end[i]!;
			continue;
		}
		version[i] = state.version;
		change[i] = changeCode(state.change);
		i++;
	}
	return {layer, mode, version, change};
}
