import type {KeyBinding} from '../keymap/keymap.js';

/** The diff explorer's own commands; the rest (moving, find, filter, the viewer) are the explorer's. */
export type DiffCommand = 'diff-view-old' | 'diff-unified';

/** Where the diff explorer's bindings apply: everywhere in it, and each of its panes. */
export type DiffScope = 'diff' | 'diff-layers' | 'diff-tree' | 'diff-config' | 'diff-unified';

const panes: DiffScope[] = ['diff-layers', 'diff-tree', 'diff-config', 'diff-unified'];

/**
 * The diff explorer's part of the one keymap: the single-image explorer's keys where
 * they apply. Its filter line, find line, viewer and help use the explorer's scopes.
 */
export const diffBindings: KeyBinding[] = [
	{command: 'quit', scopes: ['diff'], keys: ['q', 'escape', 'ctrl+c'], description: 'quit', hint: 'Quit'},
	{command: 'switch-pane', scopes: ['diff'], keys: ['tab'], description: 'switch pane (Layers, difference tree, Config)', hint: 'Switch'},
	{command: 'open-find', scopes: ['diff'], keys: ['/'], description: 'find a path by name (a regex; with a / the full path)', hint: 'Find'},
	{command: 'open-filter', scopes: ['diff'], keys: ['ctrl+f'], description: 'filter: regex on full path', hint: 'Filter'},
	{command: 'toggle-help', scopes: ['diff'], keys: ['?'], description: 'this help', hint: 'Help'},

	{command: 'move-up', scopes: panes, keys: ['up', 'k'], description: 'move up'},
	{command: 'move-down', scopes: panes, keys: ['down', 'j'], description: 'move down'},
	{command: 'page-up', scopes: panes, keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: panes, keys: ['pagedown', 'd'], description: 'page down'},
	{command: 'move-first', scopes: panes, keys: ['home'], description: 'first row'},
	{command: 'move-last', scopes: panes, keys: ['end'], description: 'last row'},

	{command: 'tree-parent', scopes: ['diff-tree'], keys: ['left', 'h'], description: 'collapse, or go to parent'},
	{command: 'tree-expand', scopes: ['diff-tree'], keys: ['right', 'l'], description: 'expand, or go into'},
	{command: 'toggle-collapse', scopes: ['diff-tree'], keys: ['space'], description: 'collapse/expand directory', hint: 'Collapse'},
	{command: 'toggle-collapse-all', scopes: ['diff-tree'], keys: ['ctrl+space'], description: 'collapse/expand all', hint: 'All'},
	{command: 'toggle-sort', scopes: ['diff-tree'], keys: ['ctrl+o'], description: 'sort by name/size delta', hint: 'Sort'},
	{command: 'find-next', scopes: ['diff-tree'], keys: ['n'], description: 'next match of the find'},
	{command: 'find-previous', scopes: ['diff-tree'], keys: ['N'], description: 'previous match of the find'},
	{command: 'open-selected', scopes: ['diff-tree'], keys: ['return'], description: 'view the file as v does (a directory: collapse/expand)'},
	{command: 'open-viewer', scopes: ['diff-tree'], keys: ['v'], description: 'view the file in NEW (OLD when it was removed)', hint: 'View new'},
	{command: 'diff-view-old', scopes: ['diff-tree'], keys: ['V'], description: 'view the file in OLD', hint: 'View old'},
	{command: 'diff-unified', scopes: ['diff-tree'], keys: ['D'], description: 'unified diff of a modified text file', hint: 'Diff'},

	{command: 'close-viewer', scopes: ['diff-unified'], keys: ['escape', 'q'], description: 'back to the tree', hint: 'Back'},
	{command: 'toggle-help', scopes: ['diff-unified'], keys: ['?'], description: 'help'},
	{command: 'quit', scopes: ['diff-unified'], keys: ['ctrl+c'], description: 'quit'},
];
