import type {Command} from '../keymap/commands.js';

/** Cursor and scroll of a windowed list: pure arithmetic shared by the Layers pane and the tree. */
export interface ListPosition {
	cursor: number;
	scroll: number;
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}

/** Scroll so that `row` is inside the window of `height` rows, moving as little as possible. */
export function scrollToShow(row: number, scroll: number, count: number, height: number): number {
	const h = Math.max(height, 1);
	let top = scroll;
	if (row < top) top = row;
	else if (row >= top + h) top = row - h + 1;
	return clamp(top, 0, Math.max(count - h, 0));
}

/** Moves the cursor by `delta` rows (clamped) and keeps it visible. */
export function moveBy(position: ListPosition, delta: number, count: number, height: number): ListPosition {
	if (count === 0) return {cursor: 0, scroll: 0};
	const cursor = clamp(position.cursor + delta, 0, count - 1);
	return {cursor, scroll: scrollToShow(cursor, position.scroll, count, height)};
}

/** Moves to an absolute row. */
export function moveTo(position: ListPosition, row: number, count: number, height: number): ListPosition {
	return moveBy(position, row - position.cursor, count, height);
}

/** Rows a movement command moves by, from row `at` of `count`, `page` rows to a page. */
export function moveDelta(command: Command, page: number, count: number, at: number): number {
	switch (command) {
		case 'move-up':
			return -1;
		case 'move-down':
			return 1;
		case 'page-up':
			return -Math.max(page, 1);
		case 'page-down':
			return Math.max(page, 1);
		case 'move-first':
			return -at;
		case 'move-last':
			return count - 1 - at;
		default:
			return 0;
	}
}
