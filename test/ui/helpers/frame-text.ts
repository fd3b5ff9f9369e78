/** Frame text without ANSI escapes. */
export function plain(frame: string): string {
	// eslint-disable-next-line no-control-regex
	return frame.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}

/** Lines of a frame as the terminal shows them (Ink ends frames with a newline when not full screen). */
export function frameLines(frame: string): string[] {
	const lines = plain(frame).split('\n');
	if (lines.at(-1) === '') lines.pop();
	return lines;
}

/** Terminal columns a line takes: every character in these fixtures is one column wide. */
export function columnsOf(line: string): number {
	return [...line].length;
}

/** The file-tree pane's part of a line: right of the vertical rule between the columns. */
export function treePart(line: string): string {
	const rule = line.indexOf('│');
	return rule < 0 ? '' : line.slice(rule + 1);
}

/** The left column's part of a line. */
export function leftPart(line: string): string {
	const rule = line.indexOf('│');
	return rule < 0 ? line : line.slice(0, rule);
}
