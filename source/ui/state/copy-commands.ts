import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import {nextEffectId} from './effects.js';
import {selectedNode, type ExplorerState} from './explorer-state.js';

/** What `Y` copies at most: terminals cap OSC 52 payloads (tmux, xterm) well below this. */
export const COPY_LIMIT = 1024 * 1024;

/** `y`: the selected path to the clipboard. */
export function copyPath(state: ExplorerState): ExplorerState {
	const node = selectedNode(state);
	if (node <= 0) return state;
	const path = state.data.index.nodes[node]!.path;
	return {...state, effect: {kind: 'copy', id: nextEffectId(), text: path, what: `copied ${escapeText(path)} to the clipboard (OSC 52)`}};
}

/** `Y` in the viewer: a text file's content, up to COPY_LIMIT. */
export function copyContent(state: ExplorerState): ExplorerState {
	const v = state.viewer;
	if (!v?.window) return state;
	const note = (text: string) => ({...state, viewer: {...v, note: text}});
	if (v.window.binary) return note('a binary file: not copied (peel cat IMAGE PATH > file)');
	if (v.size > COPY_LIMIT) return note(`${formatBytes(v.size)} is over the ${formatBytes(COPY_LIMIT)} copy limit: not copied (peel cat IMAGE PATH > file)`);
	const text = v.window.bytes.toString('utf8');
	return {...state, effect: {kind: 'copy', id: nextEffectId(), text, what: `copied ${formatBytes(v.size)} of ${escapeText(v.path)} to the clipboard (OSC 52)`}};
}
