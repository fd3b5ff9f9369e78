/** One line of a details pane: a label (empty on continuation lines) and a value. */
export interface DetailLine {
	label: string;
	value: string;
	tone?: 'good' | 'warning' | 'error' | 'muted';
}

export const labelWidth = 12;
