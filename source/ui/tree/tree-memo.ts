import type {ViewMode} from '../../model/types.js';
import {computeLayerView, type LayerView} from './layer-view.js';
import {computeShownNodes, type HiddenKinds, type ShownNodes} from './shown-nodes.js';
import type {TreeIndex} from './tree-index.js';
import type {VersionTable} from './version-table.js';

/**
 * The last few layer views and shown-node sets, kept per version table (one image's tree):
 * stepping back to a layer, or onto one computed ahead while the explorer was idle
 * (use-tree-prefetch.ts), costs no pass over the tree. Nothing here is ever changed once
 * made, so handing out the same arrays twice is safe. Bounded: at ~15 bytes per path for a
 * view and its shown nodes, KEPT_VIEWS entries are ~20 MB on a 440k-path image.
 */
export const KEPT_VIEWS = 3;

interface Kept {
	view: LayerView;
	/** The shown nodes last asked for on this view (one set of toggles and filter). */
	shown: {hidden: HiddenKinds; filter: Uint8Array | null; nodes: ShownNodes} | null;
}

const keptByTable = new WeakMap<VersionTable, Kept[]>();

function keptFor(table: VersionTable): Kept[] {
	let kept = keptByTable.get(table);
	if (!kept) keptByTable.set(table, (kept = []));
	return kept;
}

/** Moves `entry` to the newest end, dropping the oldest beyond KEPT_VIEWS. */
function touch(kept: Kept[], entry: Kept): void {
	const at = kept.indexOf(entry);
	if (at >= 0) kept.splice(at, 1);
	kept.push(entry);
	if (kept.length > KEPT_VIEWS) kept.shift();
}

/** computeLayerView, answered from the kept views when this layer and mode were computed lately. */
export function layerViewOf(index: TreeIndex, table: VersionTable, layer: number, mode: ViewMode): LayerView {
	const kept = keptFor(table);
	let entry = kept.find(k => k.view.layer === layer && k.view.mode === mode);
	if (!entry) entry = {view: computeLayerView(index, table, layer, mode), shown: null};
	touch(kept, entry);
	return entry.view;
}

const sameHidden = (a: HiddenKinds, b: HiddenKinds) => a.added === b.added && a.removed === b.removed && a.modified === b.modified && a.unmodified === b.unmodified;

/** computeShownNodes, answered from the kept set when `view` was last shown with the same toggles and filter. */
export function shownNodesOf(index: TreeIndex, table: VersionTable, view: LayerView, hidden: HiddenKinds, filter: Uint8Array | null): ShownNodes {
	const entry = keptFor(table).find(k => k.view === view);
	const shown = entry?.shown;
	if (shown && shown.filter === filter && sameHidden(shown.hidden, hidden)) return shown.nodes;
	const nodes = computeShownNodes(index, table, view, hidden, filter);
	if (entry) entry.shown = {hidden, filter, nodes};
	return nodes;
}

/** The views kept for a table, oldest first (what the explorer has computed lately or ahead). */
export function keptViews(table: VersionTable): Array<{layer: number; mode: ViewMode}> {
	return (keptByTable.get(table) ?? []).map(({view}) => ({layer: view.layer, mode: view.mode}));
}
