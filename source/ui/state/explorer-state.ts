import type {ViewMode} from '../../model/types.js';
import type {LayerOrder} from '../layers/layer-order.js';
import type {Overlay} from '../overlays/overlay.js';
import {flattenRows, type FlatRows, type SortOrder} from '../tree/flatten-rows.js';
import type {LayerView} from '../tree/layer-view.js';
import {noneHidden, type HiddenKinds, type ShownNodes} from '../tree/shown-nodes.js';
import {layerViewOf, shownNodesOf} from '../tree/tree-memo.js';
import type {ViewerState} from '../viewer/viewer-state.js';
import type {ExplorerData} from './explorer-data.js';
import type {Effect} from './effects.js';
import {closedFind, type FindState} from './find-commands.js';

export type Pane = 'layers' | 'tree';

export interface FilterState {
	/** The filter line has the keyboard. */
	editing: boolean;
	text: string;
	/** The text the tree reflects; differs from `text` while typing into a big tree (deferred). */
	applied: string;
	/** Per-node matches of the last valid regex; null when no filter applies. */
	matches: Uint8Array | null;
	/** Set while the text is not a valid regex (the last valid one stays applied). */
	error: string | null;
}

/** Rows each pane can show, from the layout. */
export interface Viewport {
	layerRows: number;
	treeRows: number;
	/** Text lines of the full-screen file viewer. */
	viewerRows?: number;
	/** Terminal columns: full-width overlays wrap their text at it. */
	columns?: number;
}

/** All of the explorer's state; everything the views render is here or in `data`. */
export interface ExplorerState {
	data: ExplorerData;
	focus: Pane;
	help: boolean;
	/** First line the help shows (it scrolls). */
	helpScroll: number;
	/** Set by the quit command; the app exits when it sees it. */
	quitting: boolean;
	layer: number;
	/** First visible row of the Layers pane (its rows include metadata-only steps). */
	layerScroll: number;
	mode: ViewMode;
	hidden: HiddenKinds;
	showAttributes: boolean;
	sort: SortOrder;
	/** Order of the Layers pane: the image's, or ranked by size (`s`). */
	layerOrder: LayerOrder;
	/** Per node, 1 when collapsed. */
	collapsed: Uint8Array;
	allCollapsed: boolean;
	filter: FilterState;
	/** `x`: the destination being typed; null when no prompt is open. */
	extractPrompt: string | null;
	/** `/`: jump to paths by name; the tree stays whole. */
	find: FindState;
	viewport: Viewport;
	view: LayerView;
	shown: ShownNodes;
	flat: FlatRows;
	/** Tree cursor and first visible row, as row numbers of `flat.rows`. */
	cursor: number;
	scroll: number;
	/** The file viewer, open over the explorer; null when closed. */
	viewer: ViewerState | null;
	/** A panel over the explorer (largest files, story, config, platforms, explain); the viewer opens above it. */
	overlay: Overlay | null;
	/** A one-line note under the tree (copied, extracted, nothing to view…). */
	notice: string | null;
	/** Work the reducer asks the app to do outside it (write to the terminal, the disk). */
	effect: Effect | null;
}

export const closedFilter: FilterState = {editing: false, text: '', applied: '', matches: null, error: null};

/** The explorer as it opens: the first layer selected, dive's current-layer view, everything expanded. */
export function createExplorerState(data: ExplorerData, viewport: Viewport): ExplorerState {
	const layer = 0;
	const mode: ViewMode = 'layer';
	const collapsed = new Uint8Array(data.index.size);
	const view = layerViewOf(data.index, data.versions, layer, mode);
	const shown = shownNodesOf(data.index, data.versions, view, noneHidden, null);
	const flat = flattenRows(data.index, shown, collapsed, 'name');
	return {
		data,
		focus: 'layers',
		help: false,
		helpScroll: 0,
		quitting: false,
		layer,
		layerScroll: 0,
		mode,
		hidden: noneHidden,
		showAttributes: true,
		sort: 'name',
		layerOrder: 'image',
		collapsed,
		allCollapsed: false,
		filter: closedFilter,
		find: closedFind,
		extractPrompt: null,
		viewport,
		view,
		shown,
		flat,
		cursor: 0,
		scroll: 0,
		viewer: null,
		overlay: null,
		// A platform switch that failed brings the explorer back with the reason.
		notice: data.platforms?.notice ?? null,
		effect: null,
	};
}

/** The node under the tree cursor, or -1 when the tree is empty. */
export function selectedNode(state: ExplorerState): number {
	return state.flat.rows.length > 0 ? state.flat.rows[state.cursor]! : -1;
}
