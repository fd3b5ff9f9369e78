import {changeKindFacts, changeKinds} from '../../model/change-kinds.js';
import {formatBytes} from '../../text/bytes.js';
import {formatMode} from '../format/mode.js';
import {ChangeCode} from './change-code.js';
import type {FlatRows} from './flatten-rows.js';
import type {LayerView} from './layer-view.js';
import type {ShownNodes} from './shown-nodes.js';
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
	let name = node.name;
	if (version.type === 'symlink') name += ` → ${version.linkTarget ?? ''}`;
	else if (version.type === 'hardlink') name += ` ⇒ ${version.linkTarget ?? ''}`;
	const attributes = showAttributes
		? `${formatMode(version.type, version.mode)} ${`${version.uid}:${version.gid}`.padStart(attributeWidths.owner)}`
		: '';
	return {
		change,
		marker: changeMarker[change] ?? ' ',
		attributes,
		size: formatBytes(shown.size[i]!).padStart(attributeWidths.size),
		prefix,
		name,
	};
}
