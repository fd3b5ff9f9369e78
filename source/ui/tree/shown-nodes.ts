import {ChangeCode} from './change-code.js';
import type {LayerView} from './layer-view.js';
import type {TreeIndex} from './tree-index.js';

/** dive's four toggles. 'unmodified' hides paths the layer(s) in view did not touch. */
export interface HiddenKinds {
	added: boolean;
	removed: boolean;
	modified: boolean;
	unmodified: boolean;
}

export const noneHidden: HiddenKinds = {added: false, removed: false, modified: false, unmodified: false};

/** Which nodes the tree shows after hiding and filtering, and the size each one shows. */
export interface ShownNodes {
	shown: Uint8Array;
	/** Files: their size; directories: Σ of the shown files below them. */
	size: Float64Array;
	/** Number of shown nodes (root excluded). */
	count: number;
}

function hiddenCode(code: number, hidden: HiddenKinds): boolean {
	switch (code) {
		case ChangeCode.Added:
			return hidden.added;
		case ChangeCode.Modified:
			return hidden.modified;
		case ChangeCode.Removed:
			return hidden.removed;
		case ChangeCode.Untouched:
			return hidden.unmodified;
		default:
			return false;
	}
}

/**
 * A node is shown when it is in the view, its change kind is not hidden and its path
 * matches the filter (per-node matches, see computeFilterMatches) — or when anything
 * below it is shown (ancestors are kept so the tree stays a tree).
 */
export function computeShownNodes(index: TreeIndex, view: LayerView, hidden: HiddenKinds, filter: Uint8Array | null): ShownNodes {
	const n = index.size;
	const shown = new Uint8Array(n);
	const size = new Float64Array(n);
	const hasShownChild = new Uint8Array(n);
	const {parent} = index;
	const {change, version} = view;
	let count = 0;
	for (let i = n - 1; i >= 1; i--) {
		const code = change[i]!;
		if (code === ChangeCode.Absent) continue;
		const own = !hiddenCode(code, hidden) && (filter === null || filter[i] === 1);
		if (!own && !hasShownChild[i]) continue;
		shown[i] = 1;
		count++;
		const v = version[i]!;
		if (v.type !== 'dir') size[i] = size[i]! + v.size;
		const p = parent[i]!;
		size[p] = size[p]! + size[i]!;
		hasShownChild[p] = 1;
	}
	shown[0] = 1;
	return {shown, size, count};
}
