import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the explain overlay (and the one that opens it); scrolling reuses the movement commands. */
export type ExplainCommand = 'open-explain' | 'close-explain';

export const explainBindings: KeyBinding[] = [
	{command: 'open-explain', scopes: ['layers', 'tree'], keys: ['e'], description: 'explain in sentences: the selected path (tree), the layer and the image (Layers)', hint: 'Explain'},

	{command: 'close-explain', scopes: ['explain'], keys: ['escape', 'q', 'e'], description: 'back to the explorer', hint: 'Close'},
	{command: 'move-up', scopes: ['explain'], keys: ['up', 'k'], description: 'line up'},
	{command: 'move-down', scopes: ['explain'], keys: ['down', 'j'], description: 'line down', hint: 'Scroll'},
	{command: 'page-up', scopes: ['explain'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['explain'], keys: ['pagedown', 'd', 'space'], description: 'page down'},
	{command: 'move-first', scopes: ['explain'], keys: ['home', 'g'], description: 'top'},
	{command: 'move-last', scopes: ['explain'], keys: ['end', 'G'], description: 'bottom'},
	{command: 'toggle-help', scopes: ['explain'], keys: ['?'], description: 'help', hint: 'Help'},
	{command: 'quit', scopes: ['explain'], keys: ['ctrl+c'], description: 'quit'},
];
