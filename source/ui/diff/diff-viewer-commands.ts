import type {Command} from '../keymap/commands.js';
import {viewerStep} from '../viewer/viewer-commands.js';
import type {DiffState} from './diff-state.js';

/** A key while the viewer is open over the diff (`command` null: text typed into its search line); the explorer's viewer steps. */
export function diffViewerCommand(state: DiffState, command: Command | null, text: string): DiffState {
	const v = state.viewer!;
	if (command === 'close-viewer') return {...state, viewer: null};
	if (command === 'copy-content') return {...state, viewer: {...v, note: 'copy is not in peel diff yet: peel cat IMAGE PATH writes the bytes'}};
	const viewer = viewerStep(v, command, text, state.viewport.viewerRows);
	return viewer ? {...state, viewer} : state;
}
