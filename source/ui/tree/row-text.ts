import {changeKindFacts, changeKinds} from '../../model/change-kinds.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import {formatMode} from '../format/mode.js';
import {ChangeCode} from './change-code.js';
import type {FlatRows} from './flatten-rows.js';
import type {LayerView} from './layer-view.js';
import {shownSize, type ShownNodes} from './shown-nodes.js';
import type {TreeIndex} from './tree-index.js';
import type {VersionTable} from './version-table.js';
import {treePrefix} from './tree-prefix.js';

/** The one-letter marker that says the change kind without colour. */
export const changeMarker: Record<number, string> = {
	[ChangeCode.Untouched]: ' ',
	...Object.fromEntries(changeKinds.map(kind => [changeKindFacts[kind].code, changeKindFacts[kind].marker])),
};

/** Column widths, shared by the header and the rows. */
export const attributeWidths = {mode: 10, owner: 11, size: 8};

/** Wider than any terminal: the row cuts the rest, this only bounds the work on a 4 kB name. */
const NAME_SHOWN = 1024;

/** "uid:gid" right-aligned in its column; ids too long for it (3000000:3000000) are cut with a mark, never pushing the row. */
export function ownerText(uid: number, gid: number): string {
	const text = `${uid}:${gid}`;
	const width = attributeWidths.owner;
	return text.length <= width ? text.padStart(width) : `${text.slice(0, width - 1)}…`;
}

/** Display strings of one tree row. */
export interface TreeRowText {
	change: ChangeCode;
	marker: string;
	/** "drwxr-xr-x      0:0" — empty when attributes are hidden. */
	attributes: string;
	size: string;
	/** Tree glyphs: "│   ├── ". */
	prefix: string;
	/** Name (then " → target" for links). */
	name: string;
}

export function treeRowText(
	index: TreeIndex,
	table: VersionTable,
	view: LayerView,
	shown: ShownNodes,
	flat: FlatRows,
	collapsed: Uint8Array,
	i: number,
	showAttributes: boolean,
): TreeRowText {
	const node = index.nodes[i]!;
	const version = table.versions[view.version[i]!]!;
	const change = view.change[i] as ChangeCode;
	const prefix = treePrefix(index, flat.lastChild, i, index.hasChildren[i] === 1 && collapsed[i] === 1);
	// Names and link targets are the image's: escaped (as ls -b does), so they stay one harmless line.
	let name = escapeText(node.name, NAME_SHOWN);
	if (version.type === 'symlink') name += ` → ${escapeText(version.linkTarget ?? '', NAME_SHOWN)}`;
	else if (version.type === 'hardlink') name += ` ⇒ ${escapeText(version.linkTarget ?? '', NAME_SHOWN)}`;
	const attributes = showAttributes ? `${formatMode(version.type, version.mode)} ${ownerText(version.uid, version.gid)}` : '';
	return {
		change,
		marker: changeMarker[change] ?? ' ',
		attributes,
		size: formatBytes(shownSize(shown, i)).padStart(attributeWidths.size),
		prefix,
		name,
	};
}
