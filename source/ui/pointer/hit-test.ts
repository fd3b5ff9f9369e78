import type {Layout} from '../layout/layout.js';

/** What lies under a cell of the explorer's main screen. */
export type PointerTarget = {pane: 'layers'; row: number} | {pane: 'tree'; row: number} | {pane: 'layers' | 'tree' | 'other'; row: null};

// Both panes: a title line and a column header above their rows (see layers-pane, file-tree-pane).
const ROWS_FROM = 2;

/** The pane and the row of it (0 = its first visible row) at cell (x, y), from the same layout the explorer draws. */
export function hitTest(layout: Layout, x: number, y: number): PointerTarget {
	const pane = x < layout.leftWidth ? 'layers' : 'tree';
	const rows = pane === 'layers' ? layout.layerRows : layout.treeRows;
	if (pane === 'layers' && y >= ROWS_FROM + layout.layerRows) return {pane: 'other', row: null};
	const row = y - ROWS_FROM;
	return row >= 0 && row < rows ? {pane, row} : {pane, row: null};
}
