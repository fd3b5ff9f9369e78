import {describe, expect, test} from 'vitest';
import {DEFAULT_MAX_LENGTH, escapeText, LINE_MAX_LENGTH, oneLine} from '../../source/text/escape.js';

/** Reverses escapeText for uncut output: proves the escaping is unambiguous. */
function unescape(text: string): string {
	return text.replace(/\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|(.))/g, (_, hex2, hex4, named) => {
		if (hex2 !== undefined) return String.fromCharCode(parseInt(hex2, 16));
		if (hex4 !== undefined) return String.fromCharCode(parseInt(hex4, 16));
		return ({n: '\n', t: '\t', r: '\r', '\\': '\\'} as Record<string, string>)[named]!;
	});
}

const FORBIDDEN = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeText', () => {
	test('plain text, spaces and non-ASCII letters pass through unchanged', () => {
		for (const text of ['usr/bin/env', 'a b', 'café/日本語/😀', '']) expect(escapeText(text)).toBe(text);
	});

	test('controls are written as ls -b does', () => {
		expect(escapeText('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
		expect(escapeText('\n\x1b[32mpeel: all fine, exit 0')).toBe('\\n\\x1b[32mpeel: all fine, exit 0');
		expect(escapeText('\x00\x07\x7f\x9b')).toBe('\\x00\\x07\\x7f\\x9b');
	});

	test('bidi controls, line separators and lone surrogates are escaped; astral characters kept', () => {
		expect(escapeText('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
		expect(escapeText('\u2066\u2069\u200f\u061c\u2028\u2029')).toBe('\\u2066\\u2069\\u200f\\u061c\\u2028\\u2029');
		expect(escapeText('a\ud800b\udc00c')).toBe('a\\ud800b\\udc00c');
		expect(escapeText('\ud83d\ude00')).toBe('\ud83d\ude00');
	});

	test('the backslash is escaped, so every string maps back to itself', () => {
		expect(escapeText('C:\\x1b')).toBe('C:\\\\x1b');
		const tricky = ['a\\nb', 'a\nb', '\\\\\n', '\\x1b\x1b', '\u202e\\u202e', 'x\ud800'];
		for (const text of tricky) {
			const escaped = escapeText(text, Infinity);
			expect(unescape(escaped)).toBe(text);
			expect(escaped).not.toMatch(FORBIDDEN);
		}
		expect(new Set(tricky.map(text => escapeText(text))).size).toBe(tricky.length);
	});

	test('every code unit 0..0xffff comes out without a control, and round-trips', () => {
		let all = '';
		for (let code = 0; code <= 0xffff; code++) all += String.fromCharCode(code);
		const escaped = escapeText(all, Infinity);
		expect(escaped).not.toMatch(FORBIDDEN);
		expect(escaped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
		expect(unescape(escaped)).toBe(all);
	});

	test('long values are cut to maxLength, ending in …', () => {
		expect(escapeText('abcdefghij', 5)).toBe('abcd…');
		expect(escapeText('abcde', 5)).toBe('abcde');
		expect(escapeText('x'.repeat(1000))).toHaveLength(DEFAULT_MAX_LENGTH);
		expect(escapeText('x'.repeat(1000)).endsWith('…')).toBe(true);
	});

	test('a cut never splits an escape or a surrogate pair', () => {
		// 'ab' + '\x1b' (4 units) would reach 6 > 5 with room for …: the escape goes whole.
		expect(escapeText('ab\x1bcdef', 5)).toBe('ab…');
		expect(escapeText('ab\x1bcdef', 7)).toBe('ab\\x1b…');
		expect(escapeText('abc\ud83d\ude00def', 5)).toBe('abc…');
		for (let limit = 1; limit < 40; limit++) {
			const cut = escapeText('\x1b[2J\n😀\u202e\\'.repeat(5), limit);
			expect(cut.length).toBeLessThanOrEqual(limit);
			expect(cut.endsWith('…')).toBe(true);
			const body = cut.slice(0, -1);
			// What is left is a whole number of pieces: it unescapes and re-escapes to itself.
			expect(escapeText(unescape(body), Infinity)).toBe(body);
		}
	});

	test('a 16 MB single line costs only what is kept', () => {
		// Flat, as a string decoded from bytes is (a rope from repeat() would time its flattening).
		const huge = Buffer.concat([Buffer.from('application/vnd.'), Buffer.alloc(16 * 1024 * 1024, 0x1b)]).toString('latin1');
		const started = performance.now();
		const cut = escapeText(huge, 200);
		expect(performance.now() - started).toBeLessThan(200);
		expect(cut.length).toBeLessThanOrEqual(200);
		expect(cut).not.toMatch(FORBIDDEN);
	});
});

describe('oneLine', () => {
	test('makes a message one harmless line, leaving parts already escaped as they are', () => {
		const name = escapeText('a\nb\x1b');
		expect(oneLine(`layer 1: "${name}" and raw\n\x1b[2J`)).toBe('layer 1: "a\\nb\\x1b" and raw\\n\\x1b[2J');
		expect(oneLine('back\\slash')).toBe('back\\slash');
		expect(oneLine('x'.repeat(20_000))).toHaveLength(LINE_MAX_LENGTH);
		expect(oneLine('\u202e\ud800')).toBe('\\u202e\\ud800');
	});
});
