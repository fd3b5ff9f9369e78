import type {Scope} from './commands.js';
import {keyLabel} from './key-names.js';
import {keymap, type KeyBinding} from './keymap.js';

export interface HelpLine {
	kind: 'section' | 'binding' | 'text';
	/** Keys column (bindings only). */
	keys: string;
	text: string;
}

const sections: Array<{title: string; match: (binding: KeyBinding) => boolean}> = [
	{title: 'Everywhere', match: b => b.scopes.includes('global')},
	{title: 'Layers and file tree', match: b => b.scopes.includes('layers') && b.scopes.includes('tree')},
	{title: 'Layers', match: b => only(b, 'layers')},
	{title: 'File tree', match: b => only(b, 'tree')},
	{title: 'Filter line', match: b => b.scopes.includes('filter') && b.command !== 'quit'},
	{title: 'Find line', match: b => b.scopes.includes('find') && b.command !== 'quit'},
	{title: 'Extract line', match: b => b.scopes.includes('extract') && b.command !== 'quit'},
	{title: 'File viewer', match: b => b.scopes.includes('viewer') && b.command !== 'quit' && b.command !== 'toggle-help'},
	{title: 'Search line (viewer)', match: b => b.scopes.includes('viewer-search') && b.command !== 'quit'},
];

function only(binding: KeyBinding, scope: Scope): boolean {
	return binding.scopes.length === 1 && binding.scopes[0] === scope;
}

/** The help overlay's content, generated from the keymap so it can never disagree with it. */
export function helpLines(): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const section of sections) {
		lines.push({kind: 'section', keys: '', text: section.title});
		for (const binding of keymap.filter(section.match)) {
			lines.push({kind: 'binding', keys: binding.keys.map(keyLabel).join(' '), text: binding.description});
		}
	}
	lines.push({kind: 'section', keys: '', text: 'Marks'});
	for (const text of [
		'A added  M modified  R removed',
		'U rewritten unchanged (pure waste)',
		'› cursor  ⊕ collapsed  → symlink',
		'⇒ hardlink  ┃ layer in the aggregation',
		'Worst files: 1→2 stored by layer 1,',
		'hidden by layer 2 (reclaimable bytes)',
		'Below the tree: the selected path\'s',
		'story, every layer that wrote it',
	]) {
		lines.push({kind: 'text', keys: '', text: `  ${text}`});
	}
	return lines;
}
