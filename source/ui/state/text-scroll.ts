import type {Command} from '../keymap/commands.js';

/** The commands that scroll a page of text (help, explain). */
export const scrollCommands: readonly Command[] = ['move-up', 'move-down', 'page-up', 'page-down', 'move-first', 'move-last'];

/** The first line to show after `command`, `rows` of `total` lines on screen, never past the end. */
export function scrollText(scroll: number, command: Command, rows: number, total: number): number {
	const last = Math.max(total - rows, 0);
	const page = Math.max(rows - 1, 1);
	const moved: Partial<Record<Command, number>> = {
		'move-up': scroll - 1,
		'move-down': scroll + 1,
		'page-up': scroll - page,
		'page-down': scroll + page,
		'move-first': 0,
		'move-last': last,
	};
	return Math.min(Math.max(moved[command] ?? scroll, 0), last);
}

/** "lines 1–20 of 34" (or "all 12 lines") for a title. */
export function scrollPosition(scroll: number, rows: number, total: number): string {
	if (total <= rows) return `all ${total} lines`;
	return `lines ${scroll + 1}–${Math.min(scroll + rows, total)} of ${total}`;
}
