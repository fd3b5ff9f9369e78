import type {Command} from '../keymap/commands.js';
import {viewerStep} from '../viewer/viewer-commands.js';
import {copyContent} from './copy-commands.js';
import type {ExplorerState} from './explorer-state.js';

/** A key while the viewer is open (`command` null: text typed into its search line). */
export function viewerCommand(state: ExplorerState, command: Command | null, text: string): ExplorerState {
	// The tree is where it was: its state never changed.
	if (command === 'close-viewer') return {...state, viewer: null};
	if (command === 'copy-content') return copyContent(state);
	const viewer = viewerStep(state.viewer!, command, text, state.viewport.viewerRows ?? 20);
	return viewer ? {...state, viewer} : state;
}
