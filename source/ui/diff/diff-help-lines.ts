import type {Scope} from '../keymap/commands.js';
import type {HelpLine} from '../keymap/help-lines.js';
import {keyLabel} from '../keymap/key-names.js';
import {keymap, type KeyBinding} from '../keymap/keymap.js';

const sections: Array<{title: string; scope: Scope; skip?: (b: KeyBinding) => boolean}> = [
	{title: 'Everywhere', scope: 'diff'},
	{title: 'Layers, tree and config', scope: 'diff-layers'},
	{title: 'Difference tree', scope: 'diff-tree', skip: b => b.scopes.includes('diff-layers')},
	{title: 'Unified diff', scope: 'diff-unified', skip: b => b.scopes.includes('diff-layers') || b.command === 'quit' || b.command === 'toggle-help'},
	{title: 'Filter line', scope: 'filter', skip: b => b.command === 'quit'},
	{title: 'Find line', scope: 'find', skip: b => b.command === 'quit'},
	{title: 'File viewer', scope: 'viewer', skip: b => b.command === 'quit' || b.command === 'toggle-help' || b.command === 'copy-content'},
];

/** peel diff's help, generated from the one keymap (its scopes and the explorer's lines and viewer it reuses). */
export function diffHelpLines(): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const section of sections) {
		lines.push({kind: 'section', keys: '', text: section.title});
		for (const binding of keymap.filter(b => b.scopes.includes(section.scope) && !section.skip?.(b))) {
			lines.push({kind: 'binding', keys: binding.keys.map(keyLabel).join(' '), text: binding.description});
		}
	}
	lines.push({kind: 'section', keys: '', text: 'Marks'});
	for (const text of [
		'A added in NEW  R removed  M modified',
		'bytes / mode / link / type: what differs',
		'Δ NEW − OLD; a directory: the sum below',
		'= shared base (equal diff_ids from layer 0)',
		'Already exists: NEW\'s blob is in OLD',
		'pulled again: same content, other blob',
	]) {
		lines.push({kind: 'text', keys: '', text: `  ${text}`});
	}
	return lines;
}
