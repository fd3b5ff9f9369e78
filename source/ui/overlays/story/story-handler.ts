import {latestVersion} from '../../../model/query.js';
import type {Command} from '../../keymap/commands.js';
import {selectedNode, type ExplorerState} from '../../state/explorer-state.js';
import {moveBy, moveDelta, moveTo} from '../../state/list-cursor.js';
import type {OverlayHandler} from '../overlay-handler.js';
import {diffVersions, viewVersion} from './story-open.js';
import {storyRows} from './story-rows.js';
import type {StoryOverlay} from './story-state.js';

/** Version rows on screen: the body less the title, the column header and the three lines under the list. */
export function storyListRows(state: ExplorerState): number {
	return Math.max((state.viewport.viewerRows ?? 20) - 3, 1);
}

/** `t` on the tree: the selected path's versions, the cursor on the one in effect at the selected layer. */
function open(state: ExplorerState): ExplorerState {
	const node = selectedNode(state);
	if (node <= 0) return state;
	const pathNode = state.data.index.nodes[node]!;
	const rows = storyRows(pathNode, state.data.image.analysis.reclaimable.items);
	if (rows.length === 0) return {...state, notice: 'no layer wrote this path itself (it is implied by paths under it)'};
	const current = latestVersion(pathNode, state.layer);
	const at = Math.max(rows.findIndex(row => row.version === current), 0);
	const overlay: StoryOverlay = {kind: 'story', path: pathNode.path, rows, mark: null, ...moveTo({cursor: 0, scroll: 0}, at, rows.length, storyListRows(state))};
	return {...state, notice: null, overlay};
}

function move(state: ExplorerState, overlay: StoryOverlay, command: Command): ExplorerState {
	const height = storyListRows(state);
	const count = overlay.rows.length;
	return {...state, overlay: {...overlay, ...moveBy(overlay, moveDelta(command, height, count, overlay.cursor), count, height)}};
}

export const storyHandler: OverlayHandler<StoryOverlay> = {
	kind: 'story',
	opens: ['open-story'],
	needsEveryLayer: "A file's story",
	open,
	command(state, overlay, command) {
		switch (command) {
			case 'story-close':
				return {...state, overlay: null};
			case 'story-view':
				return viewVersion(state, overlay);
			case 'story-mark':
				return {...state, overlay: {...overlay, mark: overlay.mark === overlay.cursor ? null : overlay.cursor}};
			case 'story-diff':
				return diffVersions(state, overlay);
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
