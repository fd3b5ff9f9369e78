import {ChangeCode} from './change-code.js';
import type {LayerView} from './layer-view.js';
import type {TreeIndex} from './tree-index.js';
import type {VersionTable} from './version-table.js';

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
	/** 1 for the last shown child of its parent in name order (draws └── instead of ├──). */
	lastByName: Uint8Array;
	/** Number of shown nodes (root excluded). */
	count: number;
}

function hiddenCodes(hidden: HiddenKinds): Uint8Array {
	const table = new Uint8Array(256);
	table[ChangeCode.Added] = hidden.added ? 1 : 0;
	table[ChangeCode.Modified] = hidden.modified ? 1 : 0;
	table[ChangeCode.Removed] = hidden.removed ? 1 : 0;
	table[ChangeCode.Untouched] = hidden.unmodified ? 1 : 0;
	table[ChangeCode.Absent] = 1;
	return table;
}

/**
 * A node is shown when it is in the view, its change kind is not hidden and its path
 * matches the filter (per-node matches, see computeFilterMatches) — or when anything
 * below it is shown (ancestors are kept so the tree stays a tree).
 */
export function computeShownNodes(
	index: TreeIndex,
	table: VersionTable,
	view: LayerView,
	hidden: HiddenKinds,
	filter: Uint8Array | null,
): ShownNodes {
	const n = index.size;
	const shown = new Uint8Array(n);
	const size = new Float64Array(n);
	const lastByName = new Uint8Array(n);
	const hasShownChild = new Uint8Array(n);
	const {parent} = index;
	const {change, version} = view;
	const {versionSize, versionIsDir} = table;
	const hides = hiddenCodes(hidden);
	let count = 0;
	// Children come after their parent in preorder: walking backwards sees them first.
	for (let i = n - 1; i >= 1; i--) {
		const code = change[i]!;
		if (code === ChangeCode.Absent) continue;
		const own = hides[code] === 0 && (filter === null || filter[i] === 1);
		if (!own && hasShownChild[i] === 0) continue;
		shown[i] = 1;
		count++;
		const v = version[i]!;
		if (versionIsDir[v] === 0) size[i] = size[i]! + versionSize[v]!;
		const p = parent[i]!;
		size[p] = size[p]! + size[i]!;
		if (hasShownChild[p] === 0) {
			lastByName[i] = 1;
			hasShownChild[p] = 1;
		}
	}
	shown[0] = 1;
	return {shown, size, lastByName, count};
}
