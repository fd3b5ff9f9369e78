import type {Command} from '../keymap/commands.js';
import {acceptSearch, cancelSearch, jump, openSearch, scrollViewer, typeSearch} from '../viewer/viewer-commands.js';
import type {DiffState} from './diff-state.js';

/** A key while the viewer is open over the diff (`command` null: text typed into its search line); the explorer's viewer steps. */
export function diffViewerCommand(state: DiffState, command: Command | null, text: string): DiffState {
	const v = state.viewer!;
	const rows = state.viewport.viewerRows;
	const set = (viewer: typeof v): DiffState => ({...state, viewer});
	if (command === null) return set(typeSearch(v, v.search.text + text));
	switch (command) {
		case 'close-viewer':
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
			return set({...v, note: 'copy is not in peel diff yet: peel cat IMAGE PATH writes the bytes'});
		default:
			return state;
	}
}
