import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the platforms overlay (and the one that opens it). */
export type PlatformsCommand = 'open-platforms' | 'close-platforms' | 'choose-platform';

export const platformsBindings: KeyBinding[] = [
	{command: 'open-platforms', scopes: ['global'], keys: ['p'], description: 'platforms of a multi-platform image: list, switch', hint: 'Platform'},
	{command: 'move-up', scopes: ['platforms'], keys: ['up', 'k'], description: 'previous platform'},
	{command: 'move-down', scopes: ['platforms'], keys: ['down', 'j'], description: 'next platform'},
	{command: 'move-first', scopes: ['platforms'], keys: ['home'], description: 'first platform'},
	{command: 'move-last', scopes: ['platforms'], keys: ['end'], description: 'last platform'},
	{command: 'choose-platform', scopes: ['platforms'], keys: ['return'], description: 'show this platform\'s image (loaded once, then instant)', hint: 'Show'},
	{command: 'close-platforms', scopes: ['platforms'], keys: ['escape', 'q', 'p'], description: 'back to the explorer', hint: 'Close'},
	{command: 'toggle-help', scopes: ['platforms'], keys: ['?'], description: 'help', hint: 'Help'},
	{command: 'quit', scopes: ['platforms'], keys: ['ctrl+c'], description: 'quit'},
];
