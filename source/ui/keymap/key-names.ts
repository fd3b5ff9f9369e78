import type {Key} from 'ink';
import type {KeyName} from './keymap.js';

/**
 * The names a keypress answers to. Terminals send some chords as plain keys (Ctrl+M is
 * Enter, Ctrl+I is Tab, Ctrl+Space is NUL): those answer to the plain key's name.
 */
export function keyNames(input: string, key: Key): KeyName[] {
	if (key.upArrow) return ['up'];
	if (key.downArrow) return ['down'];
	if (key.leftArrow) return ['left'];
	if (key.rightArrow) return ['right'];
	if (key.pageUp) return ['pageup'];
	if (key.pageDown) return ['pagedown'];
	if (key.home) return ['home'];
	if (key.end) return ['end'];
	// Enter only: Ctrl+M sends the same byte, except under the kitty keyboard protocol (CSI u).
	if (key.return) return ['return'];
	if (key.tab) return ['tab'];
	// Ink 6.8 reports the Backspace key (0x7f) as `delete`, Ctrl+H (0x08) as `backspace`.
	if (key.backspace || key.delete) return ['backspace'];
	if (key.escape) return ['escape'];
	if (key.ctrl) {
		// NUL (Ctrl+Space, Ctrl+@) is parsed as Ctrl+` .
		if (input === '`' || input === '@' || input === ' ') return ['ctrl+space'];
		if (input.length === 1) return [`ctrl+${input.toLowerCase()}`];
		return [];
	}
	if (input === ' ') return ['space'];
	if (input.length === 1 && !key.meta) return [input];
	return [];
}

const labels: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	tab: 'Tab',
	escape: 'Esc',
	return: 'Enter',
	space: 'Space',
	backspace: 'Backspace',
};

/** How a key is written in hints and help: "↑", "Ctrl+A", "PgDn", "q". */
export function keyLabel(name: KeyName): string {
	if (name.startsWith('ctrl+')) {
		const rest = name.slice('ctrl+'.length);
		return `Ctrl+${labels[rest] ?? rest.toUpperCase()}`;
	}
	return labels[name] ?? name;
}

/** The short form for the hints line: "^A" rather than "Ctrl+A". */
export function keyHintLabel(name: KeyName): string {
	return name.startsWith('ctrl+') ? `^${keyLabel(name).slice('Ctrl+'.length)}` : keyLabel(name);
}

/** One keypress of a chunk: the names it answers to and the text it typed. */
export interface KeyPress {
	names: KeyName[];
	text: string;
}

/** The keys of `ESC [ … final` and `ESC O final` without modifiers, as keyNames names them. */
const csiLetters: Record<string, KeyName> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'tab'};
const csiTilde: Record<string, KeyName> = {'1': 'home', '7': 'home', '4': 'end', '8': 'end', '5': 'pageup', '6': 'pagedown', '3': 'backspace'};

/** A C0 control character (or DEL) as keyNames names it: Enter, Tab, Backspace, NUL as Ctrl+Space, the rest Ctrl+letter. */
function controlNames(char: string): KeyName[] {
	const code = char.charCodeAt(0);
	if (char === '\r') return ['return'];
	if (char === '\t') return ['tab'];
	if (char === '\u007f' || char === '\b') return ['backspace'];
	if (code === 0) return ['ctrl+space'];
	if (code <= 0x1a) return [`ctrl+${String.fromCharCode(code + 96)}`];
	return [];
}

/** `ESC [ params final`: cursor keys (modifiers ignored, as keyNames does), `~` keys, and CSI u (kitty) chords. */
function csiNames(params: string, final: string): KeyName[] {
	const parts = params.replace(/^\[/, '').split(';');
	if (final === '~') return csiTilde[parts[0] ?? ''] ? [csiTilde[parts[0]!]!] : [];
	if (final === 'u') {
		const code = Number(parts[0]?.split(':')[0]);
		const modifiers = Math.max(Number(parts[1]?.split(':')[0] ?? 1) - 1, 0);
		if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) return [];
		if (code === 13) return ['return'];
		if (code === 9) return ['tab'];
		if (code === 27) return ['escape'];
		if (code === 127 || code === 8) return ['backspace'];
		const char = String.fromCodePoint(code);
		if (modifiers & 4) return char === ' ' || char === '@' || char === '`' ? ['ctrl+space'] : [`ctrl+${char.toLowerCase()}`];
		if (modifiers & 2) return [];
		return char === ' ' ? ['space'] : [char];
	}
	return csiLetters[final] ? [csiLetters[final]!] : [];
}

const isFinal = (code: number) => code >= 0x40 && code <= 0x7e;
const isParameter = (code: number) => code >= 0x20 && code <= 0x3f;

/**
 * A chunk of terminal input as the keypresses it holds, each named as keyNames names it.
 * A held key, a paste or a slow link delivers several keys in one read ("j\t", "\x15j",
 * "\x1b[F\t\x15"); every one of them is a keypress, whatever its kind: printable characters,
 * C0 controls, CSI and SS3 sequences (with modifiers), and a lone ESC.
 */
export function chunkKeys(chunk: string): KeyPress[] {
	const presses: KeyPress[] = [];
	let i = 0;
	while (i < chunk.length) {
		const char = String.fromCodePoint(chunk.codePointAt(i)!);
		if (char !== '\u001B') {
			const code = char.codePointAt(0)!;
			if (code < 0x20 || code === 0x7f) presses.push({names: controlNames(char), text: char});
			else presses.push({names: char === ' ' ? ['space'] : [char], text: char});
			i += char.length;
			continue;
		}
		const kind = chunk[i + 1];
		if (kind === '[') {
			// ESC [ parameters/intermediates final; "ESC [ [ A" is the Linux console's F1.
			let j = i + 2;
			if (chunk[j] === '[') j++;
			while (j < chunk.length && isParameter(chunk.charCodeAt(j))) j++;
			if (j < chunk.length && isFinal(chunk.charCodeAt(j))) {
				presses.push({names: csiNames(chunk.slice(i + 2, j), chunk[j]!), text: chunk.slice(i, j + 1)});
				i = j + 1;
			} else {
				// Cut short or malformed: nothing a key is bound to.
				presses.push({names: [], text: chunk.slice(i, j)});
				i = j;
			}
			continue;
		}
		if (kind === 'O' && i + 2 < chunk.length && isFinal(chunk.charCodeAt(i + 2))) {
			presses.push({names: csiNames('', chunk[i + 2]!), text: chunk.slice(i, i + 3)});
			i += 3;
			continue;
		}
		if (kind === undefined || kind === '\u001B') {
			presses.push({names: ['escape'], text: char});
			i += 1;
			continue;
		}
		// ESC + a character is Alt+character: no binding uses Alt, as keyNames has it (meta).
		const next = String.fromCodePoint(chunk.codePointAt(i + 1)!);
		presses.push({names: [], text: char + next});
		i += 1 + next.length;
	}
	return presses;
}

/** Ink names a read it could not take for one key (several keys in one chunk) by nothing at all. */
export function isUnnamed(key: Key): boolean {
	return !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab && !key.backspace && !key.delete;
}
