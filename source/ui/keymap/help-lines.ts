import {colourWord} from '../../analysis/explain/index.js';
import {changeKindFacts, changeKinds} from '../../model/change-kinds.js';
import type {OverlayKind} from '../overlays/overlay.js';
import {wrapText} from '../format/wrap.js';
import type {Scope} from './commands.js';
import {keyLabel} from './key-names.js';
import {keymap, type KeyBinding} from './keymap.js';

export interface HelpLine {
	kind: 'section' | 'binding' | 'text';
	/** Keys column (bindings only). */
	keys: string;
	text: string;
}

const noQuit = (b: KeyBinding) => b.command !== 'quit' && b.command !== 'toggle-help';

const sections: Array<{title: string; match: (binding: KeyBinding) => boolean}> = [
	{title: 'Everywhere', match: b => b.scopes.includes('global')},
	{title: 'Layers and file tree', match: b => b.scopes.includes('layers') && b.scopes.includes('tree')},
	{title: 'Layers', match: b => only(b, 'layers')},
	{title: 'File tree', match: b => only(b, 'tree')},
	{title: 'Filter line', match: b => b.scopes.includes('filter') && b.command !== 'quit'},
	{title: 'Find line', match: b => b.scopes.includes('find') && b.command !== 'quit'},
	{title: 'Extract line', match: b => b.scopes.includes('extract') && b.command !== 'quit'},
	{title: 'File viewer', match: b => b.scopes.includes('viewer') && noQuit(b)},
	{title: 'Search line (viewer)', match: b => b.scopes.includes('viewer-search') && b.command !== 'quit'},
	{title: 'This help', match: b => b.scopes.includes('help') && b.command !== 'quit'},
];

/** The overlays' own keys, each under its panel's name (a panel without keys yet has no section). */
const overlayTitles: Record<OverlayKind, string> = {
	largest: 'Largest files',
	story: 'File story',
	inspect: 'Image config (inspect)',
	platforms: 'Platforms',
	explain: 'Explain',
};

function only(binding: KeyBinding, scope: Scope): boolean {
	return binding.scopes.length === 1 && binding.scopes[0] === scope;
}

/**
 * What the colours and marks mean. The colour words are the tree's (explain's words,
 * checked against the theme in the tests); the kinds' labels are the model's.
 */
function legend(): string[] {
	const meaning: Record<(typeof changeKinds)[number], string> = {
		added: 'not in the layers below',
		modified: 'content, type, link, mode or owner differ from below; a directory: something under it changed',
		removed: 'hidden by a whiteout (.wh.NAME) or an opaque directory (.wh..wh..opq); its bytes stay stored below',
		unchanged: 'stored again with the same bytes and metadata: pure waste',
	};
	return [
		...changeKinds.map(kind => `${changeKindFacts[kind].marker} ${colourWord[kind].toLowerCase()} — ${changeKindFacts[kind].label}: ${meaning[kind]}.`),
		'No mark: untouched by the layer in view (the aggregated view: by any layer from 0 to the selected one).',
		'› cursor, ⊕ collapsed directory, → symlink, ⇒ hardlink.',
		'Layers are numbered from 0, the base, as --layer N, peel ls (L0) and --json number them. In the Layers pane: › the selected layer; ┃ a layer below it that the aggregated view includes; dimmed lines are config-only steps (ENV, CMD, LABEL…).',
		'Worst files "1→2": stored by layer 1, hidden by layer 2 (reclaimable). Below the tree: the selected path\'s story, every layer that wrote it.',
		'wasted (dive): every copy of a path stored in more than one layer, the one you see included; dive\'s efficiency and .dive-ci rules use it.',
		'reclaimable (peel): only the stored bytes the final image cannot see (overwritten, removed, stored again, chmod/chown copies): what a rebuild can save.',
		'e explains the selected row, or the layer and the image, in sentences.',
	];
}

/** The help overlay's content, generated from the keymap so it can never disagree with it. */
export function helpLines(): HelpLine[] {
	const lines: HelpLine[] = [];
	const add = (title: string, bindings: KeyBinding[]) => {
		if (bindings.length === 0) return;
		lines.push({kind: 'section', keys: '', text: title});
		for (const binding of bindings) lines.push({kind: 'binding', keys: binding.keys.map(keyLabel).join(' '), text: binding.description});
	};
	for (const section of sections) add(section.title, keymap.filter(section.match));
	for (const [kind, title] of Object.entries(overlayTitles) as Array<[OverlayKind, string]>) add(title, keymap.filter(b => b.scopes.includes(kind) && noQuit(b)));
	lines.push({kind: 'section', keys: '', text: 'Legend'});
	for (const text of legend()) lines.push({kind: 'text', keys: '', text});
	return lines;
}

/** One screen line of the help: a section title, or a keys column and (a piece of) text. */
export interface HelpRow {
	section: boolean;
	keys: string;
	text: string;
}

/** Keys column width at `width`: the longest keys, within bounds. */
export function helpKeysWidth(lines: HelpLine[], width: number): number {
	return Math.max(Math.min(Math.max(...lines.map(line => line.keys.length)) + 4, 26, width - 20), 4);
}

/** The help (or another command's, as `lines`) as screen lines at `width`: every description and legend line wrapped, never cut. */
export function helpRows(width: number, lines: HelpLine[] = helpLines()): HelpRow[] {
	const keysWidth = helpKeysWidth(lines, width);
	const rows: HelpRow[] = [];
	for (const line of lines) {
		if (line.kind === 'section') {
			rows.push({section: true, keys: '', text: line.text});
			continue;
		}
		const keys = line.kind === 'binding' ? `  ${line.keys}` : '';
		const indent = line.kind === 'binding' ? keysWidth : 2;
		// Keys longer than their column take a line of their own.
		const own = keys.length > indent;
		if (own) rows.push({section: false, keys, text: ''});
		wrapText(line.text, Math.max(width - indent - 1, 10)).forEach((piece, i) => {
			rows.push({section: false, keys: (i === 0 && !own ? keys : '').padEnd(indent), text: piece});
		});
	}
	return rows;
}
