import type {Command} from '../keymap/commands.js';
import {acceptSearch, cancelSearch, jump, openSearch, scrollViewer, typeSearch} from '../viewer/viewer-commands.js';
import {copyContent} from './copy-commands.js';
import type {ExplorerState} from './explorer-state.js';

/** A key while the viewer is open (`command` null: text typed into its search line). */
export function viewerCommand(state: ExplorerState, command: Command | null, text: string): ExplorerState {
	const v = state.viewer!;
	const rows = state.viewport.viewerRows ?? 20;
	const set = (viewer: typeof v) => ({...state, viewer});
	if (command === null) return set(typeSearch(v, v.search.text + text));
	switch (command) {
		case 'close-viewer':
			// The tree is where it was: its state never changed.
			return {...state, viewer: null};
		case 'move-up':
		case 'move-down':
		case 'page-up':
		case 'page-down':
		case 'move-first':
		case 'move-last':
			return set(scrollViewer(v, command, rows));
		case 'toggle-wrap':
			return set({...v, wrap: !v.wrap});
		case 'open-search':
			return set(openSearch(v));
		case 'search-accept':
			return set(acceptSearch(v, rows));
		case 'search-cancel':
			return set(cancelSearch(v));
		case 'search-backspace':
			return set(typeSearch(v, v.search.text.slice(0, -1)));
		case 'search-next':
			return set(jump(v, 1, rows));
		case 'search-previous':
			return set(jump(v, -1, rows));
		case 'copy-content':
			return copyContent(state);
		default:
			return state;
	}
}
