/** Pane sizes for a terminal size, computed arithmetically (Ink cannot tell us heights before rendering). */
export interface Layout {
	columns: number;
	/** Height of the root box: one less than the terminal, so Ink never clears the screen per frame. */
	height: number;
	leftWidth: number;
	/** Tree pane width, its left border included. */
	treeWidth: number;
	/** Permission and owner columns are hidden when the tree pane is under 60 columns. */
	treeHasRoomForAttributes: boolean;
	/** Content lines of each left pane (titles and the Layers pane's column header excluded). */
	layerRows: number;
	layerDetailRows: number;
	imageDetailRows: number;
	/** Lines of tree rows (title, header, story and filter lines excluded). */
	treeRows: number;
	/** Lines under the tree for the selected file's story. */
	storyRows: number;
}

export const minimumSize = {columns: 40, rows: 10};

export function computeLayout(columns: number, rows: number, options: {filterLine: boolean}): Layout {
	const cols = Math.max(columns, 1);
	const height = Math.max(rows - 1, 1);
	const narrow = cols < 90;
	const leftWidth = narrow ? Math.max(Math.floor(cols * 0.4), 16) : Math.min(Math.max(Math.floor(cols * 0.42), 40), 90);
	const treeWidth = Math.max(cols - leftWidth, 1);
	// Body: everything above the key-hints line.
	const body = Math.max(height - 1, 3);
	// Left column: three titled panes share the body (3 title lines, the Layers column header).
	const content = Math.max(body - 4, 0);
	const layerRows = Math.max(Math.min(Math.round(content * 0.36), 30), 1);
	const layerDetailRows = Math.max(Math.round((content - layerRows) * 0.45), 1);
	const imageDetailRows = Math.max(content - layerRows - layerDetailRows, 0);
	// Tree: title, column header, story, optional filter line.
	const storyRows = body >= 20 ? 2 : 1;
	const treeRows = Math.max(body - 2 - storyRows - (options.filterLine ? 1 : 0), 1);
	return {
		columns: cols,
		height,
		leftWidth,
		treeWidth,
		treeHasRoomForAttributes: treeWidth - 1 >= 60,
		layerRows,
		layerDetailRows,
		imageDetailRows,
		treeRows,
		storyRows,
	};
}
