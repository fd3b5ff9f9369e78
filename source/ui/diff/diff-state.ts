import type {ViewerState} from '../viewer/viewer-state.js';
import {configDiffLines} from './diff-config-lines.js';
import type {DiffData} from './diff-data.js';
import {flattenDiffRows, shownByFilter, type DiffRows, type DiffSort} from './diff-rows.js';
import type {UnifiedView} from './unified-view.js';

export type DiffPane = 'layers' | 'tree' | 'config';

export interface DiffFilter {
	/** The filter line has the keyboard. */
	editing: boolean;
	text: string;
	/** Per node, 1 when the full path matches the last valid regex; null when no filter applies. */
	matches: Uint8Array | null;
	error: string | null;
}

export interface DiffFind {
	editing: boolean;
	text: string;
	/** Matching nodes in tree order. */
	matches: Int32Array;
	/** The node the cursor was on when the find opened: typing searches from there. */
	origin: number;
}

/** Rows each pane shows, from the layout. */
export interface DiffViewport {
	/** Terminal columns (the help's wrapped length follows them). */
	columns: number;
	layerRows: number;
	treeRows: number;
	configRows: number;
	viewerRows: number;
}

/** All of the diff explorer's state; everything its views draw is here or in `data`. */
export interface DiffState {
	data: DiffData;
	focus: DiffPane;
	help: boolean;
	/** First line of the help shown. */
	helpScroll: number;
	/** Set by the quit command; the app exits when it sees it. */
	quitting: boolean;
	/** Layers pane: selected row of comparison.layers, first row shown. */
	layerCursor: number;
	layerScroll: number;
	/** First line shown of the config difference. */
	configScroll: number;
	sort: DiffSort;
	/** Per tree node, 1 when collapsed. */
	collapsed: Uint8Array;
	allCollapsed: boolean;
	filter: DiffFilter;
	find: DiffFind;
	/** Per tree node, 1 when the filter lets it show. */
	shown: Uint8Array;
	flat: DiffRows;
	/** Tree cursor and first visible row, as row numbers of `flat.rows`. */
	cursor: number;
	scroll: number;
	/** A file of one side in the explorer's viewer; null when closed. */
	viewer: ViewerState | null;
	viewerSide: 'old' | 'new';
	/** The unified diff of a modified text file; null when closed. */
	unified: UnifiedView | null;
	viewport: DiffViewport;
	/** A one-line note under the panes (nothing to view, binary…); lasts until the next key. */
	notice: string | null;
}

export const closedDiffFilter: DiffFilter = {editing: false, text: '', matches: null, error: null};
export const closedDiffFind: DiffFind = {editing: false, text: '', matches: new Int32Array(0), origin: 0};

/** The diff explorer as it opens: the tree focused (it is what differs), everything expanded, name order. */
export function createDiffState(data: DiffData, viewport: DiffViewport): DiffState {
	const collapsed = new Uint8Array(data.tree.size);
	const shown = shownByFilter(data.tree, null);
	return {
		data,
		focus: 'tree',
		help: false,
		helpScroll: 0,
		quitting: false,
		layerCursor: 0,
		layerScroll: 0,
		configScroll: 0,
		sort: 'name',
		collapsed,
		allCollapsed: false,
		filter: closedDiffFilter,
		find: closedDiffFind,
		shown,
		flat: flattenDiffRows(data.tree, shown, collapsed, 'name'),
		cursor: 0,
		scroll: 0,
		viewer: null,
		viewerSide: 'new',
		unified: null,
		viewport,
		notice: null,
	};
}

/** The tree node under the cursor, or -1 when the tree is empty. */
export function selectedDiffNode(state: DiffState): number {
	return state.flat.rows.length > 0 ? state.flat.rows[state.cursor]! : -1;
}

/** Lines of the config difference (the pane scrolls over them). */
export function configLineCount(data: DiffData): number {
	return configDiffLines(data.comparison.config).length;
}
