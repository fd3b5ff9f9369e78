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

/** Which nodes the tree shows after hiding and filtering, and the size each one shows (shownSize). */
export interface ShownNodes {
	shown: Uint8Array;
	/** Per branch (index.branchOf): Σ of the shown files below it. Files' sizes are their versions'. */
	branchSize: Float64Array;
	/** 1 for the last shown child of its parent in name order (draws └── instead of ├──). */
	lastByName: Uint8Array;
	/** Number of shown nodes (root excluded). */
	count: number;
	/** What shownSize reads a file's size from: the view's versions and the version table's sizes. */
	sizes: {branchOf: Int32Array; version: Int32Array; versionSize: Float64Array; versionIsDir: Uint8Array};
}

/** The size node `i` shows: a file's own, a directory's the Σ of the shown files below it; 0 when not shown. */
export function shownSize(shown: ShownNodes, i: number): number {
	if (shown.shown[i] === 0) return 0;
	const {branchOf, version, versionSize, versionIsDir} = shown.sizes;
	const b = branchOf[i]!;
	if (b >= 0) return shown.branchSize[b]!;
	const v = version[i]!;
	return versionIsDir[v] === 1 ? 0 : versionSize[v]!;
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
 * below it is shown (ancestors are kept so the tree stays a tree). Runs on every layer
 * step: per-node arrays are only the two it must return (typed arrays are memory outside
 * V8's heap, and allocating much of it sets off full collections).
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
	const lastByName = new Uint8Array(n);
	const branchSize = new Float64Array(index.branches);
	const hasShownChild = new Uint8Array(index.branches);
	const {parent, branchOf} = index;
	const {change, version} = view;
	const {versionSize, versionIsDir} = table;
	const hides = hiddenCodes(hidden);
	let count = 0;
	// Children come after their parent in preorder: walking backwards sees them first.
	for (let i = n - 1; i >= 1; i--) {
		const code = change[i]!;
		if (code === ChangeCode.Absent) continue;
		const b = branchOf[i]!;
		const own = hides[code] === 0 && (filter === null || filter[i] === 1);
		if (!own && (b < 0 || hasShownChild[b] === 0)) continue;
		shown[i] = 1;
		count++;
		const v = version[i]!;
		// A path that is a file here but has children elsewhere (replaced by a directory) counts both.
		let size = versionIsDir[v] === 0 ? versionSize[v]! : 0;
		if (b >= 0) size = branchSize[b] = branchSize[b]! + size;
		const pb = branchOf[parent[i]!]!;
		branchSize[pb] = branchSize[pb]! + size;
		if (hasShownChild[pb] === 0) {
			lastByName[i] = 1;
			hasShownChild[pb] = 1;
		}
	}
	shown[0] = 1;
	return {shown, branchSize, lastByName, count, sizes: {branchOf, version, versionSize, versionIsDir}};
}
