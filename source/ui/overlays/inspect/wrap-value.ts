/**
 * Splits `text` into rows of at most `width` characters without dropping or changing any
 * (joined, the rows are the text again): after a space — or a `:` or `,` (PATH lists) — in
 * the row's second half when there is one, else hard. Code points, so a surrogate pair is never split.
 */
export function wrapValue(text: string, width: number): string[] {
	const w = Math.max(width, 1);
	const chars = [...text];
	if (chars.length <= w) return [text];
	const rows: string[] = [];
	let start = 0;
	while (chars.length - start > w) {
		let end = start + w;
		for (let i = end - 1; i > start + w / 2; i--) {
			if (chars[i] === ' ' || chars[i] === ':' || chars[i] === ',') {
				end = i + 1;
				break;
			}
		}
		rows.push(chars.slice(start, end).join(''));
		start = end;
	}
	rows.push(chars.slice(start).join(''));
	return rows;
}
