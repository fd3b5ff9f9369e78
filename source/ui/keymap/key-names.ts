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
