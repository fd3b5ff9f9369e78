/** The diff explorer's pane sizes, computed arithmetically (Ink cannot tell heights before rendering). */
export interface DiffLayout {
	columns: number;
	/** The root box: one line less than the terminal, so Ink never clears the screen per frame. */
	height: number;
	/** Everything above the key-hints line. */
	body: number;
	leftWidth: number;
	/** The tree pane, its left border included. */
	treeWidth: number;
	/** Layer rows (the pane's title, column header and two pull lines excluded). */
	layerRows: number;
	totalsRows: number;
	configRows: number;
	/** Tree rows (title, column header, status line and the filter or find line excluded). */
	treeRows: number;
	/** Room for OLD and NEW size columns beside the delta. */
	treeSizes: boolean;
	/** Room for the "bytes / mode / link" column. */
	treeChange: boolean;
}

/** Rows of the Layers pane that are not layer rows: column header, shared base, pull cost. */
export const LAYER_EXTRA_ROWS = 3;
export const TOTALS_LINES = 6;

export function computeDiffLayout(columns: number, rows: number, layerCount: number, options: {lineOpen: boolean}): DiffLayout {
	const cols = Math.max(columns, 1);
	const height = Math.max(rows - 1, 1);
	const body = Math.max(height - 1, 3);
	// Half at 80 columns: the Totals lines need 40; wider terminals give the room to the tree.
	const leftWidth = cols < 90 ? Math.max(Math.floor(cols / 2), 16) : Math.min(Math.max(Math.floor(cols * 0.42), 45), 80);
	const treeWidth = Math.max(cols - leftWidth, 1);
	// Left: three titled panes (Layers, Totals, Config).
	const content = Math.max(body - 3, 0);
	const totalsRows = Math.min(TOTALS_LINES, Math.max(content - LAYER_EXTRA_ROWS - 2, 0));
	const rest = Math.max(content - totalsRows - LAYER_EXTRA_ROWS, 2);
	const layerRows = Math.max(Math.min(layerCount, Math.round(rest * 0.55)), 1);
	const configRows = Math.max(rest - layerRows, 1);
	const treeRows = Math.max(body - 3 - (options.lineOpen ? 1 : 0), 1);
	return {columns: cols, height, body, leftWidth, treeWidth, layerRows, totalsRows, configRows, treeRows, treeSizes: treeWidth - 1 >= 70, treeChange: treeWidth - 1 >= 50};
}
