import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the inspect overlay (and the one that opens it). */
export type InspectCommand = 'open-inspect' | 'close-inspect' | 'copy-pinned';

export const inspectBindings: KeyBinding[] = [
	{command: 'open-inspect', scopes: ['global'], keys: ['i'], description: 'the image config (docker inspect), its digests and pinned reference', hint: 'Inspect'},
	{command: 'move-up', scopes: ['inspect'], keys: ['up', 'k'], description: 'line up'},
	{command: 'move-down', scopes: ['inspect'], keys: ['down', 'j'], description: 'line down'},
	{command: 'page-up', scopes: ['inspect'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['inspect'], keys: ['pagedown', 'd', 'space'], description: 'page down'},
	{command: 'move-first', scopes: ['inspect'], keys: ['home', 'g'], description: 'top'},
	{command: 'move-last', scopes: ['inspect'], keys: ['end', 'G'], description: 'bottom'},
	{command: 'copy-pinned', scopes: ['inspect'], keys: ['y'], description: 'copy the pinned reference (NAME@sha256:…, OSC 52)', hint: 'Copy pinned'},
	{command: 'close-inspect', scopes: ['inspect'], keys: ['escape', 'q', 'i'], description: 'back to the explorer', hint: 'Close'},
	{command: 'toggle-help', scopes: ['inspect'], keys: ['?'], description: 'help', hint: 'Help'},
	{command: 'quit', scopes: ['inspect'], keys: ['ctrl+c'], description: 'quit'},
];
