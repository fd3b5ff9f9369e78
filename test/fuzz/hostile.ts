/** Strings images must not be able to smuggle into a terminal or a log (issue 14). */
export const CONTROL_STRINGS = [
	'\npeel: all fine, exit 0',
	'\n\x1b[32mpeel: all fine, exit 0',
	'\x1b[2J',
	'\x1b]0;pwned\x07',
	'a\rb',
	'\x00nul',
	'\x9b31m',
	'\u202eevil',
	'\x7f',
];

/** A value nested `depth` levels deep, as JSON text (built as text: no recursion anywhere). */
export const deepJson = (depth: number, open = '[', close = ']'): string => open.repeat(depth) + close.repeat(depth);
