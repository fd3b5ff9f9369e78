import type {Command, Scope} from './commands.js';

/**
 * A key as peel names it: a character ('j', '?', '/'), a named key ('up', 'pageup',
 * 'tab', 'escape', 'return', 'space', 'backspace'), or 'ctrl+<letter>' / 'ctrl+space'.
 */
export type KeyName = string;

export interface KeyBinding {
	command: Command;
	scopes: Scope[];
	keys: KeyName[];
	/** For the help overlay. */
	description: string;
	/** Short label for the key-hints line; bindings without one appear only in help. */
	hint?: string;
}

/**
 * The keymap: one table drives the input handler, the key hints and the help overlay.
 * dive's defaults, plus `?` help and `/` filter. Ctrl+M is the same byte as Enter in a
 * terminal (as in dive), so Enter toggles modified files in the tree.
 */
export const keymap: KeyBinding[] = [
	{command: 'quit', scopes: ['global'], keys: ['q', 'ctrl+c'], description: 'quit', hint: 'Quit'},
	{command: 'switch-pane', scopes: ['global'], keys: ['tab'], description: 'switch between Layers and the file tree', hint: 'Switch pane'},
	{command: 'open-filter', scopes: ['global'], keys: ['ctrl+f', '/'], description: 'filter files by a regex on the full path', hint: 'Filter'},
	{command: 'toggle-help', scopes: ['global'], keys: ['?'], description: 'show or hide this help', hint: 'Help'},

	{command: 'move-up', scopes: ['layers', 'tree'], keys: ['up', 'k'], description: 'move up'},
	{command: 'move-down', scopes: ['layers', 'tree'], keys: ['down', 'j'], description: 'move down'},
	{command: 'page-up', scopes: ['layers', 'tree'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['layers', 'tree'], keys: ['pagedown', 'd'], description: 'page down'},
	{command: 'move-first', scopes: ['layers', 'tree'], keys: ['home'], description: 'go to the first row'},
	{command: 'move-last', scopes: ['layers', 'tree'], keys: ['end'], description: 'go to the last row'},

	{command: 'view-aggregated', scopes: ['layers'], keys: ['ctrl+a'], description: 'show aggregated changes (layers 1 to the selected one)', hint: 'Aggregated view'},
	{command: 'view-layer', scopes: ['layers'], keys: ['ctrl+l'], description: 'show the selected layer\'s changes', hint: 'Layer view'},

	{command: 'tree-parent', scopes: ['tree'], keys: ['left', 'h'], description: 'collapse the directory, or go to the parent'},
	{command: 'tree-expand', scopes: ['tree'], keys: ['right', 'l'], description: 'expand the directory, or go into it'},
	{command: 'toggle-collapse', scopes: ['tree'], keys: ['space'], description: 'collapse or expand the directory', hint: 'Collapse'},
	{command: 'toggle-collapse-all', scopes: ['tree'], keys: ['ctrl+space'], description: 'collapse or expand all directories', hint: 'Collapse all'},
	{command: 'hide-added', scopes: ['tree'], keys: ['ctrl+a'], description: 'hide or show added files', hint: 'Added'},
	{command: 'hide-removed', scopes: ['tree'], keys: ['ctrl+r'], description: 'hide or show removed files', hint: 'Removed'},
	{command: 'hide-modified', scopes: ['tree'], keys: ['ctrl+m'], description: 'hide or show modified files (Ctrl+M is Enter)', hint: 'Modified'},
	{command: 'hide-unmodified', scopes: ['tree'], keys: ['ctrl+u'], description: 'hide or show files the layer did not touch', hint: 'Unmodified'},
	{command: 'toggle-attributes', scopes: ['tree'], keys: ['ctrl+b'], description: 'show or hide permissions and owner', hint: 'Attributes'},
	{command: 'toggle-sort', scopes: ['tree'], keys: ['ctrl+o'], description: 'sort by name or by size', hint: 'Sort'},

	{command: 'filter-accept', scopes: ['filter'], keys: ['return', 'tab'], description: 'keep the filter and go to the tree', hint: 'Keep'},
	{command: 'filter-cancel', scopes: ['filter'], keys: ['escape'], description: 'clear and close the filter', hint: 'Clear'},
	{command: 'move-up', scopes: ['filter'], keys: ['up'], description: 'move up in the tree'},
	{command: 'move-down', scopes: ['filter'], keys: ['down'], description: 'move down in the tree'},
	{command: 'filter-backspace', scopes: ['filter'], keys: ['backspace'], description: 'delete a character'},
	{command: 'quit', scopes: ['filter', 'help'], keys: ['ctrl+c'], description: 'quit'},

	{command: 'close-help', scopes: ['help'], keys: ['escape', '?', 'q', 'return'], description: 'close help', hint: 'Close'},
];
