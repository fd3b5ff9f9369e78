import type {Command} from '../keymap/commands.js';
import {helpRows} from '../keymap/help-lines.js';
import type {ExplorerState} from './explorer-state.js';
import {scrollText} from './text-scroll.js';

/** ↑↓ PgUp PgDn Home End while the help is open: its lines are those HelpOverlay draws at the terminal's width. */
export function scrollHelp(state: ExplorerState, command: Command): ExplorerState {
	const rows = Math.max((state.viewport.viewerRows ?? 20) + 1, 1);
	const total = helpRows(state.viewport.columns ?? 80).length;
	const helpScroll = scrollText(state.helpScroll, command, rows, total);
	return helpScroll === state.helpScroll ? state : {...state, helpScroll};
}
