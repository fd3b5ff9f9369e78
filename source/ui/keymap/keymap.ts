import {diffBindings} from '../diff/diff-keys.js';
import {overlayBindings} from '../overlays/overlay-bindings.js';
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
 * dive's defaults, plus `?` help, the file viewer and copy. Ctrl+M is the same byte as
 * Enter in most terminals: Enter opens the file under the cursor, and Ctrl+M toggles
 * modified files only where the terminal tells the two apart (kitty keyboard, CSI u).
 */
export const keymap: KeyBinding[] = [
	{command: 'quit', scopes: ['global'], keys: ['q', 'ctrl+c'], description: 'quit', hint: 'Quit'},
	{command: 'switch-pane', scopes: ['global'], keys: ['tab'], description: 'switch pane (Layers, tree)', hint: 'Switch'},
	{command: 'open-find', scopes: ['global'], keys: ['/'], description: 'find a path by name (a regex; with a / the full path)', hint: 'Find'},
	{command: 'open-filter', scopes: ['global'], keys: ['ctrl+f'], description: 'filter: regex on full path', hint: 'Filter'},
	{command: 'toggle-help', scopes: ['global'], keys: ['?'], description: 'this help', hint: 'Help'},

	{command: 'move-up', scopes: ['layers', 'tree'], keys: ['up', 'k'], description: 'move up'},
	{command: 'move-down', scopes: ['layers', 'tree'], keys: ['down', 'j'], description: 'move down'},
	{command: 'page-up', scopes: ['layers', 'tree'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['layers', 'tree'], keys: ['pagedown', 'd'], description: 'page down'},
	{command: 'move-first', scopes: ['layers', 'tree'], keys: ['home'], description: 'first row'},
	{command: 'move-last', scopes: ['layers', 'tree'], keys: ['end'], description: 'last row'},

	{command: 'view-aggregated', scopes: ['layers'], keys: ['ctrl+a'], description: 'aggregated view (layer 0 up to the selected one)', hint: 'Aggregated'},
	{command: 'view-layer', scopes: ['layers'], keys: ['ctrl+l'], description: 'current layer view', hint: 'Current layer'},
	{command: 'sort-layers', scopes: ['layers'], keys: ['s'], description: 'rank the layers by size (largest first) / image order; numbers stay', hint: 'By size'},

	{command: 'tree-parent', scopes: ['tree'], keys: ['left', 'h'], description: 'collapse, or go to parent'},
	{command: 'tree-expand', scopes: ['tree'], keys: ['right', 'l'], description: 'expand, or go into'},
	{command: 'toggle-collapse', scopes: ['tree'], keys: ['space'], description: 'collapse/expand directory', hint: 'Collapse'},
	{command: 'toggle-collapse-all', scopes: ['tree'], keys: ['ctrl+space'], description: 'collapse/expand all', hint: 'All'},
	{command: 'hide-added', scopes: ['tree'], keys: ['ctrl+a'], description: 'hide/show added', hint: 'Added'},
	{command: 'hide-removed', scopes: ['tree'], keys: ['ctrl+r'], description: 'hide/show removed', hint: 'Removed'},
	{command: 'hide-modified', scopes: ['tree'], keys: ['ctrl+m'], description: 'hide/show modified (where the terminal tells Ctrl+M from Enter)', hint: 'Modified'},
	{command: 'hide-unmodified', scopes: ['tree'], keys: ['ctrl+u'], description: 'hide/show untouched', hint: 'Unmodified'},
	{command: 'toggle-attributes', scopes: ['tree'], keys: ['ctrl+b'], description: 'show/hide attributes', hint: 'Attributes'},
	{command: 'toggle-sort', scopes: ['tree'], keys: ['ctrl+o'], description: 'sort by name/size', hint: 'Sort'},
	{command: 'find-next', scopes: ['tree'], keys: ['n'], description: 'next match of the find'},
	{command: 'find-previous', scopes: ['tree'], keys: ['N'], description: 'previous match of the find'},
	{command: 'open-selected', scopes: ['tree'], keys: ['return'], description: 'view the file (a directory: collapse/expand)'},
	{command: 'open-viewer', scopes: ['tree'], keys: ['v'], description: 'view the file at this layer', hint: 'View'},
	{command: 'open-extract', scopes: ['tree'], keys: ['x'], description: 'extract the path (a directory with all in it) at this layer', hint: 'Extract'},
	{command: 'copy-path', scopes: ['tree'], keys: ['y'], description: 'copy the path (OSC 52)', hint: 'Copy'},

	{command: 'filter-accept', scopes: ['filter'], keys: ['return', 'tab'], description: 'keep filter, go to tree', hint: 'Keep'},
	{command: 'filter-cancel', scopes: ['filter'], keys: ['escape'], description: 'clear and close filter', hint: 'Clear'},
	{command: 'move-up', scopes: ['filter'], keys: ['up'], description: 'move up in the tree'},
	{command: 'move-down', scopes: ['filter'], keys: ['down'], description: 'move down in the tree'},
	{command: 'filter-backspace', scopes: ['filter'], keys: ['backspace'], description: 'delete a character'},
	{command: 'quit', scopes: ['filter', 'help'], keys: ['ctrl+c'], description: 'quit'},

	{command: 'close-help', scopes: ['help'], keys: ['escape', '?', 'q', 'return'], description: 'close help', hint: 'Close'},
	{command: 'move-up', scopes: ['help'], keys: ['up', 'k'], description: 'line up'},
	{command: 'move-down', scopes: ['help'], keys: ['down', 'j'], description: 'line down', hint: 'Scroll'},
	{command: 'page-up', scopes: ['help'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['help'], keys: ['pagedown', 'd', 'space'], description: 'page down'},
	{command: 'move-first', scopes: ['help'], keys: ['home', 'g'], description: 'top'},
	{command: 'move-last', scopes: ['help'], keys: ['end', 'G'], description: 'bottom'},

	{command: 'find-accept', scopes: ['find'], keys: ['return', 'tab'], description: 'stay on the match (n/N for the others)', hint: 'Keep'},
	{command: 'find-cancel', scopes: ['find'], keys: ['escape'], description: 'close the find', hint: 'Close'},
	{command: 'find-backspace', scopes: ['find'], keys: ['backspace'], description: 'delete a character'},
	{command: 'find-next', scopes: ['find'], keys: ['down'], description: 'next match'},
	{command: 'find-previous', scopes: ['find'], keys: ['up'], description: 'previous match'},
	{command: 'quit', scopes: ['find'], keys: ['ctrl+c'], description: 'quit'},

	{command: 'extract-accept', scopes: ['extract'], keys: ['return'], description: 'extract into this directory', hint: 'Extract'},
	{command: 'extract-cancel', scopes: ['extract'], keys: ['escape'], description: 'cancel', hint: 'Cancel'},
	{command: 'extract-backspace', scopes: ['extract'], keys: ['backspace'], description: 'delete a character'},
	{command: 'quit', scopes: ['extract'], keys: ['ctrl+c'], description: 'quit'},

	{command: 'close-viewer', scopes: ['viewer'], keys: ['escape', 'q'], description: 'back to the tree', hint: 'Back'},
	{command: 'move-up', scopes: ['viewer'], keys: ['up', 'k'], description: 'line up'},
	{command: 'move-down', scopes: ['viewer'], keys: ['down', 'j'], description: 'line down'},
	{command: 'page-up', scopes: ['viewer'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['viewer'], keys: ['pagedown', 'd', 'space'], description: 'page down'},
	{command: 'move-first', scopes: ['viewer'], keys: ['home', 'g'], description: 'start of the file'},
	{command: 'move-last', scopes: ['viewer'], keys: ['end', 'G'], description: 'end of the file'},
	{command: 'open-search', scopes: ['viewer'], keys: ['/'], description: 'search in the file', hint: 'Search'},
	{command: 'search-next', scopes: ['viewer'], keys: ['n'], description: 'next match', hint: 'Next'},
	{command: 'search-previous', scopes: ['viewer'], keys: ['N'], description: 'previous match'},
	{command: 'toggle-wrap', scopes: ['viewer'], keys: ['W'], description: 'wrap long lines', hint: 'Wrap'},
	{command: 'copy-content', scopes: ['viewer'], keys: ['Y'], description: 'copy a text file\'s content (up to 1 MB)', hint: 'Copy'},
	{command: 'toggle-help', scopes: ['viewer'], keys: ['?'], description: 'help'},
	{command: 'quit', scopes: ['viewer', 'viewer-search'], keys: ['ctrl+c'], description: 'quit'},

	{command: 'search-accept', scopes: ['viewer-search'], keys: ['return'], description: 'search', hint: 'Search'},
	{command: 'search-cancel', scopes: ['viewer-search'], keys: ['escape'], description: 'cancel', hint: 'Cancel'},
	{command: 'search-backspace', scopes: ['viewer-search'], keys: ['backspace'], description: 'delete a character'},

	...overlayBindings(),
	// peel diff's explorer: its own scopes, so none of these reach the single-image explorer.
	...diffBindings,
];
