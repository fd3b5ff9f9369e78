import type {FileDifference, FileState} from '../../compare/types.js';
import {signedBytes} from '../../report/diff-text.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import {formatMode} from '../format/mode.js';
import {ChangeCode} from '../tree/change-code.js';
import {treePrefix} from '../tree/tree-prefix.js';
import type {DiffRows} from './diff-rows.js';
import {changeColumn, changeWords, deltaOf, type DiffTree} from './diff-tree.js';

/** Wider than any terminal: the row cuts the rest, this only bounds the work on a 4 kB name. */
const NAME_SHOWN = 1024;

export const diffColumns = {change: 10, delta: 9, size: 8};

export interface DiffRowText {
	change: ChangeCode;
	/** A, R, M, or blank for a directory that only holds changes. */
	marker: string;
	/** "bytes", "mode", "link", "type" (modified paths). */
	how: string;
	delta: string;
	oldSize: string;
	newSize: string;
	prefix: string;
	name: string;
}

const codes = {added: ChangeCode.Added, removed: ChangeCode.Removed, modified: ChangeCode.Modified} as const;

function linkText(state: FileState | null): string {
	if (state?.type === 'symlink') return ` → ${escapeText(state.linkTarget ?? '', NAME_SHOWN)}`;
	if (state?.type === 'hardlink') return ` ⇒ ${escapeText(state.linkTarget ?? '', NAME_SHOWN)}`;
	return '';
}

export function diffRowText(tree: DiffTree, flat: DiffRows, collapsed: Uint8Array, i: number): DiffRowText {
	const diff = tree.diff[i] ?? null;
	const change = diff ? codes[diff.change] : ChangeCode.Untouched;
	const marker = diff ? diff.change[0]!.toUpperCase() : ' ';
	// Names and link targets are the images': escaped, so they stay one harmless line.
	const name = escapeText(tree.names[i]!, NAME_SHOWN) + linkText(diff ? (diff.new ?? diff.old) : null);
	const size = (value: number, present: boolean) => (present ? formatBytes(value) : '·').padStart(diffColumns.size);
	return {
		change,
		marker,
		how: changeColumn(diff).padEnd(diffColumns.change),
		delta: signedBytes(deltaOf(tree, i)).padStart(diffColumns.delta),
		oldSize: size(tree.oldSize[i]!, !diff || diff.old !== null),
		newSize: size(tree.newSize[i]!, !diff || diff.new !== null),
		prefix: treePrefix(tree, flat.lastChild, i, tree.hasChildren[i] === 1 && collapsed[i] === 1),
		name,
	};
}

function stateWords(s: FileState): string {
	return `${formatMode(s.type, s.mode)} ${s.uid}:${s.gid}`;
}

/** The line under the tree: the selected path, what changed, both sizes and the delta, and the modes and owners when they differ. */
export function diffStatusLine(tree: DiffTree, i: number): string {
	if (i <= 0) return tree.size > 1 ? '' : 'the two final filesystems hold the same paths, bytes and modes';
	const diff: FileDifference | null = tree.diff[i] ?? null;
	const head = `${escapeText(tree.paths[i]!, 300)}: ${changeWords(diff)}`;
	const sizes = `${formatBytes(tree.oldSize[i]!)} → ${formatBytes(tree.newSize[i]!)} (${signedBytes(deltaOf(tree, i))})`;
	if (!diff) return `${head} below, ${sizes}`;
	if (diff.change === 'added') return `${head} in NEW, ${formatBytes(tree.newSize[i]!)}, ${stateWords(diff.new!)}${linkText(diff.new)}`;
	if (diff.change === 'removed') return `${head} from OLD, ${formatBytes(tree.oldSize[i]!)}, ${stateWords(diff.old!)}${linkText(diff.old)}`;
	const parts = [`${head}, ${sizes}`];
	if (diff.metadataChanged || diff.old!.type !== diff.new!.type) parts.push(`${stateWords(diff.old!)} → ${stateWords(diff.new!)}`);
	if (diff.old!.linkTarget !== diff.new!.linkTarget) parts.push(`link${linkText(diff.old) || ' (none)'} ⇒${linkText(diff.new) || ' (none)'}`);
	return parts.join(', ');
}
