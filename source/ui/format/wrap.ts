/** Wraps text into lines of at most `width` characters, at spaces when it can, hard otherwise. */
export function wrapText(text: string, width: number): string[] {
	const w = Math.max(width, 1);
	const lines: string[] = [];
	let rest = text.replace(/\s+/g, ' ').trim();
	while (rest.length > w) {
		const space = rest.lastIndexOf(' ', w);
		const cut = space > w / 3 ? space : w;
		lines.push(rest.slice(0, cut).trimEnd());
		rest = rest.slice(cut).trimStart();
	}
	if (rest.length > 0 || lines.length === 0) lines.push(rest);
	return lines;
}

/** Cuts text to `width` characters, ending in "…" when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 0))}…`;
}
