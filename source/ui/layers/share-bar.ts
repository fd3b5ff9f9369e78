const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * `part` of `whole` as a bar `cells` wide, in eighths of a cell. Anything above zero shows
 * at least an eighth, so a small layer is never drawn as an empty one.
 */
export function shareBar(part: number, whole: number, cells: number): string {
	if (whole <= 0 || part <= 0 || cells <= 0) return ''.padEnd(cells);
	const units = Math.max(Math.round((Math.min(part, whole) / whole) * cells * 8), 1);
	return ('█'.repeat(Math.floor(units / 8)) + eighths[units % 8]).padEnd(cells);
}
