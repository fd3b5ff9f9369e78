import type {Command} from '../keymap/commands.js';
import type {FileVersion} from '../../model/types.js';
import {moveDelta} from '../state/list-cursor.js';
import {DIFF_BYTE_LIMIT} from '../../text/unified-diff.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import {fileOnSide} from './diff-viewer-open.js';
import {selectedDiffNode, type DiffState} from './diff-state.js';

/** One display line of a unified diff: a hunk header, or a line both have, only OLD has, only NEW has. */
export interface UnifiedLine {
	kind: 'hunk' | 'context' | 'removed' | 'added';
	text: string;
}

/** The unified diff of a modified text file, full screen like the viewer. */
export interface UnifiedView {
	path: string;
	/** The file in each image (a symlink's target, as the viewer reads it). */
	oldFile: {path: string; version: FileVersion};
	newFile: {path: string; version: FileVersion};
	/** Tells the reply to this request from an older one. */
	seq: number;
	lines: UnifiedLine[] | null;
	error: string | null;
	top: number;
}

let seq = 0;

/** `D`: both versions of a modified regular file, read whole (text files up to the diff's byte limit). */
export function openUnified(state: DiffState): DiffState {
	const node = selectedDiffNode(state);
	if (node <= 0) return state;
	const {tree, old, new: next} = state.data;
	const path = tree.paths[node]!;
	const diff = tree.diff[node];
	const shown = escapeText(path);
	if (diff?.change !== 'modified') return {...state, notice: `${shown} is ${diff ? diff.change : 'not itself changed'}: v or V shows it`};
	if (!diff.contentChanged) return {...state, notice: `${shown} has the same bytes in both (only mode/owner differ)`};
	const a = fileOnSide(old, path, 'OLD');
	const b = fileOnSide(next, path, 'NEW');
	if (!a.ok) return {...state, notice: a.why};
	if (!b.ok) return {...state, notice: b.why};
	const biggest = Math.max(a.version.size, b.version.size);
	if (biggest > DIFF_BYTE_LIMIT) return {...state, notice: `${formatBytes(biggest)} is over the ${formatBytes(DIFF_BYTE_LIMIT)} a diff reads: v and V page through each version`};
	const unified: UnifiedView = {path, oldFile: {path: a.path, version: a.version}, newFile: {path: b.path, version: b.version}, seq: ++seq, lines: null, error: null, top: 0};
	return {...state, notice: null, unified};
}

export function unifiedLoaded(view: UnifiedView, at: number, lines: UnifiedLine[]): UnifiedView {
	return view.seq === at ? {...view, lines} : view;
}

export function unifiedFailed(view: UnifiedView, at: number, message: string): UnifiedView {
	return view.seq === at ? {...view, error: message} : view;
}

export function scrollUnified(view: UnifiedView, command: Command, rows: number): UnifiedView {
	const count = view.lines?.length ?? 0;
	const top = view.top + moveDelta(command, rows, count, view.top);
	return {...view, top: Math.min(Math.max(top, 0), Math.max(count - rows, 0))};
}
