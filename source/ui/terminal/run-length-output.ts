import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

/**
 * Ink composes every frame on a grid of one object per cell, then turns each row into a
 * string by diffing the styles of every pair of neighbouring cells (each diff makes four
 * Sets and five arrays). On a 160×48 explorer that is ~17 MB of garbage per frame: the
 * scavenges and the old-space marking it sets off were most of a key's time on a big image.
 *
 * This puts an equivalent `get` on Ink's Output class: blank cells are one shared object,
 * and a row is stringified as runs of cells with equal styles (a diff between equal styles
 * is empty, so joining a run's text first gives the very same string), and the text's
 * cells and widths are remembered across frames (Ink's caches live for one frame, so every
 * row was tokenized again for every key). Ink's own
 * styledCharsToString still writes every style change. The class is private to Ink: it is
 * replaced only when a probe frame comes out byte-identical from both, else Ink keeps its own.
 */

interface AnsiCode {
	code: string;
	endCode: string;
}

interface StyledChar {
	type: 'char';
	value: string;
	fullWidth: boolean;
	styles: AnsiCode[];
}

interface Clip {
	x1?: number;
	x2?: number;
	y1?: number;
	y2?: number;
}

type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Array<(line: string, index: number) => string>}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

interface TextCaches {
	getStyledChars(line: string): StyledChar[];
	getStringWidth(text: string): number;
	getWidestLine(text: string): number;
}

interface OutputState {
	width: number;
	height: number;
	operations: Operation[];
	caches: TextCaches;
}

interface OutputClass {
	new (options: {width: number; height: number}): OutputState & {
		write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
		clip(clip: Clip): void;
		unclip(): void;
		get(): {output: string; height: number};
	};
	prototype: {get(this: OutputState): {output: string; height: number}; [INK_OWN_GET]?: (this: OutputState) => {output: string; height: number}};
}

/** Where Ink's own `get` is kept once replaced: one Ink module serves every copy of this one (tests compare against it). */
export const INK_OWN_GET = Symbol.for('peel.ink-output-get');

const BLANK: StyledChar = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as unknown as AnsiCode[]}) as StyledChar;

function sameStyles(a: AnsiCode[], b: AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
	return true;
}

/** A row as Ink writes it: holes skipped, style changes diffed, trailing blanks trimmed. */
function rowText(row: Array<StyledChar | undefined>): string {
	const runs: StyledChar[] = [];
	let run: StyledChar | null = null;
	for (const cell of row) {
		if (cell === undefined) continue;
		if (run !== null && sameStyles(run.styles, cell.styles)) run.value += cell.value;
		else runs.push((run = {type: 'char', value: cell.value, fullWidth: false, styles: cell.styles}));
	}
	return styledCharsToString(runs as Parameters<typeof styledCharsToString>[0]).trimEnd();
}

/** Each map is emptied when it reaches this many texts: a frame has a few hundred. */
const MAX_CACHED = 8192;

function remembered<Value>(map: Map<string, Value>, text: string, make: (text: string) => Value): Value {
	let value = map.get(text);
	if (value === undefined) {
		if (map.size >= MAX_CACHED) map.clear();
		value = make(text);
		map.set(text, value);
	}
	return value;
}

/** What Ink's per-frame caches compute, kept from frame to frame (the cells are never changed, only replaced). */
class LastingCaches implements TextCaches {
	private readonly chars = new Map<string, StyledChar[]>();
	private readonly widths = new Map<string, number>();
	private readonly blocks = new Map<string, number>();

	getStyledChars(line: string): StyledChar[] {
		return remembered(this.chars, line, text => styledCharsFromTokens(tokenize(text)) as unknown as StyledChar[]);
	}

	getStringWidth(text: string): number {
		return remembered(this.widths, text, stringWidth);
	}

	getWidestLine(text: string): number {
		return remembered(this.blocks, text, block => {
			let widest = 0;
			for (const line of block.split('\n')) widest = Math.max(widest, this.getStringWidth(line));
			return widest;
		});
	}
}

const caches = new LastingCaches();

/** Output.get's contract, same clipping and placement rules, fewer objects. */
function composeFrame(this: OutputState): {output: string; height: number} {
	const {width, height} = this;
	const grid: Array<Array<StyledChar | undefined>> = [];
	for (let y = 0; y < height; y++) grid.push(new Array<StyledChar>(width).fill(BLANK));
	const clips: Clip[] = [];
	for (const operation of this.operations) {
		if (operation.type === 'clip') clips.push(operation.clip);
		else if (operation.type === 'unclip') clips.pop();
		else writeText(grid, caches, operation, clips.at(-1));
	}
	return {output: grid.map(rowText).join('\n'), height: grid.length};
}

function writeText(grid: Array<Array<StyledChar | undefined>>, caches: TextCaches, operation: Extract<Operation, {type: 'write'}>, clip: Clip | undefined): void {
	let {x, y} = operation;
	const {text} = operation;
	let lines = text.split('\n');
	if (clip) {
		const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
		const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
		// Wholly outside the clip: nothing of it shows.
		if (horizontal && (x + caches.getWidestLine(text) < clip.x1! || x > clip.x2!)) return;
		if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) return;
		if (horizontal) {
			const left = x < clip.x1! ? clip.x1! - x : 0;
			lines = lines.map(line => {
				const lineWidth = caches.getStringWidth(line);
				return sliceAnsi(line, left, x + lineWidth > clip.x2! ? clip.x2! - x : lineWidth);
			});
			if (x < clip.x1!) x = clip.x1!;
		}
		if (vertical) {
			const top = y < clip.y1! ? clip.y1! - y : 0;
			lines = lines.slice(top, y + lines.length > clip.y2! ? clip.y2! - y : lines.length);
			if (y < clip.y1!) y = clip.y1!;
		}
	}
	let row = y;
	for (let [index, line] of lines.entries()) {
		const cells = grid[row];
		if (!cells) continue; // below the frame
		for (const transform of operation.transformers) line = transform(line, index);
		let column = x;
		for (const character of caches.getStyledChars(line)) {
			cells[column] = character;
			const cellWidth = Math.max(1, caches.getStringWidth(character.value));
			// A wide character's other cells print nothing, in its style.
			for (let extra = 1; extra < cellWidth; extra++) cells[column + extra] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
			column += cellWidth;
		}
		row++;
	}
}

/** A frame that exercises what the explorer draws: styles, a clip, wide and zero-width characters, overflow. */
function probeFrame(Output: OutputClass): InstanceType<OutputClass> {
	const output = new Output({width: 24, height: 6});
	const none = {transformers: []};
	output.write(0, 0, '\u001B[1m\u001B[2mbold dim\u001B[22m plain \u001B[31mred\u001B[39m', none);
	output.clip({x1: 2, x2: 14, y1: 1, y2: 4});
	output.write(0, 1, '\u001B[44m中文 wide\u001B[49m and clipped text\nline two\nthree\nfour\nfive', {transformers: [(line: string) => `\u001B[7m${line}\u001B[27m`]});
	output.unclip();
	output.write(20, 5, 'overflowing 🙂 past the edge', none);
	output.write(3, 4, 'e\u0301\u001B[4mu\u001B[24m', none);
	return output;
}

let installed: boolean | undefined;

/** Ink's Output class, as its renderer imports it (the file next to its entry point). */
export async function inkOutputClass(): Promise<OutputClass> {
	const url = new URL('output.js', import.meta.resolve('ink'));
	return ((await import(url.href)) as {default: OutputClass}).default;
}

/** Puts composeFrame on Ink's Output when it gives Ink's own frames; true when it is in place. */
export async function installRunLengthOutput(): Promise<boolean> {
	if (installed !== undefined) return installed;
	installed = false;
	try {
		const Output = await inkOutputClass();
		const own = Output.prototype[INK_OWN_GET] ?? Output.prototype.get;
		if (typeof own !== 'function') return false;
		const probe = probeFrame(Output);
		const expected = own.call(probe);
		const actual = composeFrame.call(probe);
		if (actual.output !== expected.output || actual.height !== expected.height) return false;
		Output.prototype[INK_OWN_GET] = own;
		Output.prototype.get = composeFrame;
		installed = true;
	} catch {
		// Another Ink layout: its own renderer stays.
	}
	return installed;
}
