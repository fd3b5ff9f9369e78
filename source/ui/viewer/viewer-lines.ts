import {escapeText} from '../../text/escape.js';

/** Bytes per hex-dump row. */
export const HEX_ROW = 16;

/** A display line can be this long before it is cut (the viewer shows less anyway). */
const LINE_MAX = 4096;

const decoder = new TextDecoder('utf-8');

/** Byte offsets where each line of `bytes` starts, plus one past the end (no empty last line after a final newline). */
export function lineStarts(bytes: Buffer): Int32Array {
	const starts: number[] = [0];
	let at = bytes.indexOf(10);
	while (at >= 0) {
		if (at + 1 < bytes.length) starts.push(at + 1);
		at = bytes.indexOf(10, at + 1);
	}
	if (bytes.length === 0) return Int32Array.from([0, 0]);
	starts.push(bytes.length);
	return Int32Array.from(starts);
}

/** Line `i` of a text window as the terminal may show it: tabs expanded, every control character escaped. */
export function textLine(bytes: Buffer, starts: Int32Array, i: number): string {
	let end = starts[i + 1]!;
	if (end > starts[i]! && bytes[end - 1] === 10) end--;
	return escapeText(expandTabs(decoder.decode(bytes.subarray(starts[i]!, end))), LINE_MAX);
}

/** The raw text of line `i` (for search). */
export function rawLine(bytes: Buffer, starts: Int32Array, i: number): string {
	return decoder.decode(bytes.subarray(starts[i]!, starts[i + 1]!));
}

/** Tabs to spaces, to the next multiple of 8 columns (what a terminal would do, without sending it a tab). */
export function expandTabs(line: string): string {
	if (!line.includes('\t')) return line;
	let out = '';
	for (const ch of line) {
		if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
		else out += ch;
	}
	return out;
}

/** Row `i` of a hex dump of `bytes`, which start at file offset `start`: "00000010  41 42 …  |AB…|". */
export function hexLine(bytes: Buffer, start: number, i: number): string {
	const row = bytes.subarray(i * HEX_ROW, (i + 1) * HEX_ROW);
	let hex = '';
	let ascii = '';
	for (let b = 0; b < HEX_ROW; b++) {
		if (b === 8) hex += ' ';
		if (b < row.length) {
			hex += `${row[b]!.toString(16).padStart(2, '0')} `;
			ascii += row[b]! >= 0x20 && row[b]! < 0x7f ? String.fromCharCode(row[b]!) : '.';
		} else hex += '   ';
	}
	return `${(start + i * HEX_ROW).toString(16).padStart(8, '0')}  ${hex} |${ascii}|`;
}

/** Rows of a hex dump. */
export function hexRows(bytes: Buffer): number {
	return Math.ceil(bytes.length / HEX_ROW);
}

/** Splits a display line into rows of `width` characters (wrap mode). */
export function wrapLine(line: string, width: number): string[] {
	const chars = [...line];
	if (chars.length <= width) return [line];
	const rows: string[] = [];
	for (let i = 0; i < chars.length; i += width) rows.push(chars.slice(i, i + width).join(''));
	return rows;
}
