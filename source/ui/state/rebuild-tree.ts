import {flattenRows} from '../tree/flatten-rows.js';
import {layerViewOf, shownNodesOf} from '../tree/tree-memo.js';
import {scrollToShow} from './list-cursor.js';
import {selectedNode, type ExplorerState} from './explorer-state.js';

/** The first stage whose inputs changed: a new view implies new shown nodes implies new rows. */
export type TreeStage = 'view' | 'shown' | 'rows';

/**
 * Recomputes the tree's derived data from `stage` on, then puts the cursor back on the
 * node that was selected (or its nearest shown ancestor), at the same height on screen.
 */
export function rebuildTree(previous: ExplorerState, next: ExplorerState, stage: TreeStage): ExplorerState {
	const {index, versions} = next.data;
	const view = stage === 'view' ? layerViewOf(index, versions, next.layer, next.mode) : next.view;
	const shown = stage === 'rows' ? next.shown : shownNodesOf(index, versions, view, next.hidden, next.filter.matches);
	const flat = flattenRows(index, shown, next.collapsed, next.sort);
	const rows = flat.rows;
	let cursor = Math.min(previous.cursor, Math.max(rows.length - 1, 0));
	for (let node = selectedNode(previous); node > 0; node = index.parent[node]!) {
		const row = rows.indexOf(node);
		if (row >= 0) {
			cursor = row;
			break;
		}
	}
	const offset = previous.cursor - previous.scroll;
	const height = next.viewport.treeRows;
	const scroll = scrollToShow(cursor, cursor - offset, rows.length, height);
	return {...next, view, shown, flat, cursor, scroll};
}
