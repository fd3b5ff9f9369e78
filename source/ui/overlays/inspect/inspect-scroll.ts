import type {Command} from '../../keymap/commands.js';

/** The scroll position after a move, kept within the text (`rows` lines are shown of `total`). */
export function scrollInspect(scroll: number, command: Command, rows: number, total: number): number {
	const last = Math.max(total - rows, 0);
	const page = Math.max(rows - 1, 1);
	const next =
		command === 'move-up' ? scroll - 1
		: command === 'move-down' ? scroll + 1
		: command === 'page-up' ? scroll - page
		: command === 'page-down' ? scroll + page
		: command === 'move-first' ? 0
		: command === 'move-last' ? last
		: scroll;
	return Math.min(Math.max(next, 0), last);
}
