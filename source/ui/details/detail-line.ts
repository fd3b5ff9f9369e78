/** One line of a details pane: a label (empty on continuation lines) and a value. */
export interface DetailLine {
	label: string;
	value: string;
	tone?: 'good' | 'warning' | 'error' | 'muted';
}

/** Width of the label column: the longest label and a space. */
export function labelWidth(lines: DetailLine[]): number {
	return Math.max(0, ...lines.map(line => line.label.length)) + 1;
}
