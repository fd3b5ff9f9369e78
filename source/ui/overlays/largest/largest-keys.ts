import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the largest overlay (and the one that opens it); movement reuses the list commands. */
export type LargestCommand = 'open-largest' | 'largest-sort' | 'largest-threshold-up' | 'largest-threshold-down' | 'largest-jump' | 'largest-view' | 'largest-close';

export const largestBindings: KeyBinding[] = [
	{command: 'open-largest', scopes: ['global'], keys: ['w'], description: 'the largest files of every layer', hint: 'Largest'},

	{command: 'largest-close', scopes: ['largest'], keys: ['escape', 'q'], description: 'back to the explorer', hint: 'Close'},
	{command: 'largest-jump', scopes: ['largest'], keys: ['return'], description: 'go to the file in the tree, at its layer', hint: 'Go to'},
	{command: 'largest-view', scopes: ['largest'], keys: ['v'], description: 'view this copy: the bytes its layer stored, hidden or not', hint: 'View'},
	{command: 'largest-sort', scopes: ['largest'], keys: ['s'], description: 'sort by size or by reclaimable bytes', hint: 'Sort'},
	{command: 'largest-threshold-up', scopes: ['largest'], keys: ['f', '+'], description: 'only bigger files (any, ≥ 100 kB, ≥ 1 MB, ≥ 10 MB, ≥ 100 MB)', hint: 'Min size'},
	{command: 'largest-threshold-down', scopes: ['largest'], keys: ['-'], description: 'a lower size threshold'},
	{command: 'move-up', scopes: ['largest'], keys: ['up', 'k'], description: 'move up'},
	{command: 'move-down', scopes: ['largest'], keys: ['down', 'j'], description: 'move down'},
	{command: 'page-up', scopes: ['largest'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['largest'], keys: ['pagedown', 'd'], description: 'page down'},
	{command: 'move-first', scopes: ['largest'], keys: ['home', 'g'], description: 'first row'},
	{command: 'move-last', scopes: ['largest'], keys: ['end', 'G'], description: 'last row'},
	{command: 'toggle-help', scopes: ['largest'], keys: ['?'], description: 'help', hint: 'Help'},
	{command: 'quit', scopes: ['largest'], keys: ['ctrl+c'], description: 'quit'},
];
