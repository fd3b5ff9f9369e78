import type {Command} from '../keymap/commands.js';
import {layerListIn} from '../layers/layer-order.js';
import type {MouseEvent} from '../pointer/mouse-event.js';
import type {PointerTarget} from '../pointer/hit-test.js';
import type {ExplorerState} from './explorer-state.js';
import {moveLayer, selectLayer} from './layer-commands.js';
import {moveTree} from './tree-commands.js';

/** Lines one wheel step scrolls, as most terminals' scrollback does. */
export const WHEEL_LINES = 3;

/**
 * The mouse on the explorer's main screen: the wheel moves in the pane under the pointer
 * (layers one at a time, the tree three rows), a click selects the row and focuses its
 * pane. Anything open over the panes (help, viewer, overlays, prompts) gets the wheel as
 * ↑/↓ through `key`, and ignores clicks.
 */
export function pointerAction(state: ExplorerState, event: MouseEvent, target: PointerTarget, key: (state: ExplorerState, name: 'up' | 'down') => ExplorerState): ExplorerState {
	const covered = state.help || state.viewer !== null || state.overlay !== null || state.filter.editing || state.find.editing || state.extractPrompt !== null;
	if (event.kind === 'wheel-up' || event.kind === 'wheel-down') {
		const up = event.kind === 'wheel-up';
		if (covered) {
			let next = state;
			for (let i = 0; i < WHEEL_LINES; i++) next = key(next, up ? 'up' : 'down');
			return next;
		}
		const command: Command = up ? 'move-up' : 'move-down';
		if (target.pane === 'layers') return moveLayer(state, command);
		if (target.pane !== 'tree') return state;
		let next = state;
		for (let i = 0; i < WHEEL_LINES; i++) next = moveTree(next, command);
		return next;
	}
	if (event.kind !== 'press' || event.button !== 0 || covered || target.row === null) return state;
	if (target.pane === 'layers') {
		const list = layerListIn(state.data, state.layerOrder);
		const row = list.rows[state.layerScroll + target.row];
		if (!row) return state;
		// A metadata-only step belongs to the layer it follows (the one built before it).
		const layer = row.kind === 'layer' ? row.layer : (row.step.layer ?? lastLayerAbove(list.rows, state.layerScroll + target.row));
		return {...selectLayer(state, layer), focus: 'layers'};
	}
	const cursor = state.scroll + target.row;
	if (cursor >= state.flat.rows.length) return {...state, focus: 'tree'};
	return {...state, focus: 'tree', cursor};
}

function lastLayerAbove(rows: ReturnType<typeof layerListIn>['rows'], index: number): number {
	for (let i = index; i >= 0; i--) {
		const row = rows[i]!;
		if (row.kind === 'layer') return row.layer;
	}
	return 0;
}
