import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the story overlay (and the one that opens it); movement reuses the list commands. */
export type StoryCommand = 'open-story' | 'story-close' | 'story-view' | 'story-mark' | 'story-diff';

export const storyBindings: KeyBinding[] = [
	{command: 'open-story', scopes: ['tree'], keys: ['t'], description: 'the path\'s story: every layer that touched it, each version', hint: 'Story'},

	{command: 'story-close', scopes: ['story'], keys: ['escape', 'q'], description: 'back to the tree', hint: 'Close'},
	{command: 'story-view', scopes: ['story'], keys: ['v', 'return'], description: 'view this version (the bytes its layer stored)', hint: 'View'},
	{command: 'story-mark', scopes: ['story'], keys: ['m'], description: 'mark this version for a diff (again: unmark)', hint: 'Mark'},
	{command: 'story-diff', scopes: ['story'], keys: ['d'], description: 'unified diff of the marked version and this one (text files)', hint: 'Diff'},
	{command: 'move-up', scopes: ['story'], keys: ['up', 'k'], description: 'move up'},
	{command: 'move-down', scopes: ['story'], keys: ['down', 'j'], description: 'move down'},
	{command: 'page-up', scopes: ['story'], keys: ['pageup', 'u'], description: 'page up'},
	{command: 'page-down', scopes: ['story'], keys: ['pagedown'], description: 'page down'},
	{command: 'move-first', scopes: ['story'], keys: ['home', 'g'], description: 'first row'},
	{command: 'move-last', scopes: ['story'], keys: ['end', 'G'], description: 'last row'},
	{command: 'toggle-help', scopes: ['story'], keys: ['?'], description: 'help', hint: 'Help'},
	{command: 'quit', scopes: ['story'], keys: ['ctrl+c'], description: 'quit'},
];
