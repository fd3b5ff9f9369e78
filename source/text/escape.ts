/**
 * Strings from images and servers are hostile: a file name, tag or media type can carry
 * escape sequences that repaint the user's terminal, newlines that forge extra output
 * lines, bidi overrides that reorder what is shown, or megabytes of text. Everything of
 * that kind goes through escapeText before it reaches stderr, the TUI or the CI text.
 */

/** Long enough for a full path in an error line, short enough to keep one line readable. */
export const DEFAULT_MAX_LENGTH = 300;

const ELLIPSIS = '…';

/**
 * C0 and C1 controls, DEL, backslash (so an escape in the output always stands for one
 * character of the input), bidi embeddings/overrides/isolates and marks, line and
 * paragraph separators, and lone surrogates.
 */
const DANGEROUS = String.raw`\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069`;
const LONE_SURROGATE = String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
const NEEDS_WORK = new RegExp(String.raw`[\\${DANGEROUS}]|${LONE_SURROGATE}`);
const NEEDS_WORK_BUT_BACKSLASH = new RegExp(`[${DANGEROUS}]|${LONE_SURROGATE}`);

const NAMED: Readonly<Record<string, string>> = {'\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r'};

/** `ch` is one code point, or one lone surrogate. */
function shown(ch: string, backslash: boolean): string {
	if (ch.length === 2) return ch; // a valid surrogate pair: an astral character
	if (ch === '\\' && !backslash) return ch;
	const named = NAMED[ch];
	if (named !== undefined) return named;
	const code = ch.charCodeAt(0);
	if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
	if (
		code === 0x061c ||
		code === 0x200e ||
		code === 0x200f ||
		code === 0x2028 ||
		code === 0x2029 ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069) ||
		(code >= 0xd800 && code <= 0xdfff)
	) {
		return `\\u${code.toString(16).padStart(4, '0')}`;
	}
	return ch;
}

/**
 * `value` as one line of harmless text, escaped as `ls -b` does (`\n`, `\t`, `\r`,
 * `\x1b`, `\u202e`, `\\`), cut to at most `maxLength` UTF-16 units ending in `…` when
 * cut. A cut never splits an escape sequence or a surrogate pair.
 */
export function escapeText(value: string, maxLength = DEFAULT_MAX_LENGTH): string {
	return escaped(value, maxLength, true);
}

/** Long enough for a message quoting a path or two. */
export const LINE_MAX_LENGTH = 1000;

/**
 * The last line of defence before stderr: a whole message made one harmless line, like
 * escapeText but leaving backslashes alone, so that the parts of it already escaped with
 * escapeText are not escaped twice.
 */
export function oneLine(message: string, maxLength = LINE_MAX_LENGTH): string {
	return escaped(message, maxLength, false);
}

function escaped(value: string, maxLength: number, backslash: boolean): string {
	const limit = Math.max(1, Math.floor(maxLength));
	if (value.length <= limit && !(backslash ? NEEDS_WORK : NEEDS_WORK_BUT_BACKSLASH).test(value)) return value;
	let out = '';
	// Where to cut so that the ellipsis still fits: always between two pieces.
	let cutAt = 0;
	// for…of walks code points lazily, so a 15 MB value costs only the part that is kept.
	for (const ch of value) {
		const piece = shown(ch, backslash);
		if (out.length + piece.length > limit) return out.slice(0, cutAt) + ELLIPSIS;
		out += piece;
		if (out.length < limit) cutAt = out.length;
	}
	return out;
}
