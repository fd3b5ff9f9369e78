import {largestStoredFiles} from '../../../analysis/largest-files.js';
import {escapeText} from '../../../text/escape.js';
import type {Command} from '../../keymap/commands.js';
import type {ExplorerState} from '../../state/explorer-state.js';
import {jumpTo} from '../../state/find-commands.js';
import {selectLayer} from '../../state/layer-commands.js';
import {moveBy, moveDelta, moveTo} from '../../state/list-cursor.js';
import {indexOfPath} from '../../tree/tree-index.js';
import {openViewerState} from '../../viewer/viewer-state.js';
import type {OverlayHandler} from '../overlay-handler.js';
import {LARGEST_COUNT, thresholds, type LargestOverlay} from './largest-state.js';

/**
 * Rows of the list on screen: the body less the title and the column header, which is
 * what the viewer gets too (see viewerRowsOf in explorer.tsx).
 */
export function largestListRows(state: ExplorerState): number {
	return Math.max(state.viewport.viewerRows ?? 20, 1);
}

/**
 * The list for an order and threshold: one walk over the model into a bounded heap.
 * The cursor stays on the file it was on when that file is still listed.
 */
function withRows(state: ExplorerState, overlay: Omit<LargestOverlay, 'rows' | 'cursor' | 'scroll'>, previous?: LargestOverlay): LargestOverlay {
	const rows = largestStoredFiles(state.data.image.model, {count: LARGEST_COUNT, order: overlay.order, minSize: thresholds[overlay.threshold]});
	const was = previous?.rows[previous.cursor];
	const cursor = was ? Math.max(rows.findIndex(row => row.version === was.version), 0) : 0;
	const height = largestListRows(state);
	return {kind: 'largest', order: overlay.order, threshold: overlay.threshold, rows, ...moveTo({cursor: 0, scroll: 0}, cursor, rows.length, height)};
}

function move(state: ExplorerState, overlay: LargestOverlay, command: Command): ExplorerState {
	const height = largestListRows(state);
	const count = overlay.rows.length;
	const position = moveBy(overlay, moveDelta(command, height, count, overlay.cursor), count, height);
	return {...state, overlay: {...overlay, ...position}};
}

/** Enter: the Layers pane on the row's layer (as moving there would), the tree cursor on its file. */
function jump(state: ExplorerState, overlay: LargestOverlay): ExplorerState {
	const row = overlay.rows[overlay.cursor];
	if (!row) return state;
	const node = indexOfPath(state.data.index, row.node.path);
	const atLayer = selectLayer({...state, overlay: null, focus: 'tree'}, row.layer);
	if (node < 0) return atLayer;
	const next = jumpTo(atLayer, node);
	if (next.flat.rows[next.cursor] === node) return next;
	const why = next.shown.shown[node] === 1 ? '' : ' in this view (a filter or hidden kinds hide it; Ctrl+F, Ctrl+A/R/M/U)';
	return {...next, notice: `${escapeText(row.node.path, 200)} is not shown at layer ${row.layer}${why}`};
}

export const largestHandler: OverlayHandler<LargestOverlay> = {
	kind: 'largest',
	opens: ['open-largest'],
	needsEveryLayer: "The largest files list",
	open: state => ({...state, overlay: withRows(state, {kind: 'largest', order: 'size', threshold: 0})}),
	command(state, overlay, command) {
		switch (command) {
			case 'largest-close':
				return {...state, overlay: null};
			case 'largest-jump':
				return jump(state, overlay);
			case 'largest-view': {
				// The viewer opens above the list; closing it comes back here.
				const row = overlay.rows[overlay.cursor];
				return row ? {...state, notice: null, viewer: openViewerState(row.node.path, row.version)} : state;
			}
			case 'largest-sort':
				return {...state, overlay: withRows(state, {...overlay, order: overlay.order === 'size' ? 'reclaimable' : 'size'}, overlay)};
			case 'largest-threshold-up':
				return {...state, overlay: withRows(state, {...overlay, threshold: (overlay.threshold + 1) % thresholds.length}, overlay)};
			case 'largest-threshold-down':
				return {...state, overlay: withRows(state, {...overlay, threshold: (overlay.threshold + thresholds.length - 1) % thresholds.length}, overlay)};
			case 'move-up':
			case 'move-down':
			case 'page-up':
			case 'page-down':
			case 'move-first':
			case 'move-last':
				return move(state, overlay, command);
			default:
				return state;
		}
	},
};
