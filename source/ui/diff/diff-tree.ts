import type {FileDifference, FileState} from '../../compare/types.js';

/**
 * The comparison's `files` laid out as one tree in preorder (name order, as `files` is),
 * with the directories between them that did not change themselves but hold changes
 * ("context" nodes, `diff` null). Flat arrays, as the explorer's TreeIndex: every view
 * pass is a loop over numbers. Index 0 is the root.
 */
export interface DiffTree {
	paths: string[];
	names: string[];
	/** The comparison's row for the path; null for the root and context directories. */
	diff: Array<FileDifference | null>;
	parent: Int32Array;
	/** One past the last descendant: the subtree of i is [i, end[i]). */
	end: Int32Array;
	depth: Uint16Array;
	hasChildren: Uint8Array;
	/** Bytes of the path in OLD and in NEW (a directory: the sums over what changed below it and itself). */
	oldSize: Float64Array;
	newSize: Float64Array;
	size: number;
}

/** A side's bytes as the text report counts them: a file's size, nothing for a directory or an absent path. */
export function stateBytes(state: FileState | null): number {
	return state && state.type !== 'dir' ? state.size : 0;
}

export function buildDiffTree(files: FileDifference[]): DiffTree {
	const paths: string[] = [''];
	const names: string[] = ['/'];
	const diffs: Array<FileDifference | null> = [null];
	const parents: number[] = [-1];
	const depths: number[] = [0];
	// Open ancestors of the next path; `files` is depth first, so a listed directory comes before what it holds.
	const open: number[] = [0];
	const add = (path: string, name: string, diff: FileDifference | null) => {
		const parent = open[open.length - 1]!;
		paths.push(path);
		names.push(name);
		diffs.push(diff);
		parents.push(parent);
		depths.push(depths[parent]! + 1);
		open.push(paths.length - 1);
	};
	for (const file of files) {
		while (open.length > 1 && !file.path.startsWith(`${paths[open[open.length - 1]!]!}/`)) open.pop();
		const slash = file.path.lastIndexOf('/');
		// Most paths sit in the open directory; the others get the directories in between first.
		if (file.path.slice(0, slash) !== paths[open[open.length - 1]!]) {
			// parts[0] is '' (paths are absolute); parts up to the open directory's depth are in place.
			const parts = file.path.split('/');
			for (let k = open.length; k < parts.length - 1; k++) add(parts.slice(0, k + 1).join('/'), parts[k]!, null);
		}
		add(file.path, file.path.slice(slash + 1), file);
	}
	const size = paths.length;
	const parent = Int32Array.from(parents);
	const depth = Uint16Array.from(depths.map(d => Math.min(d, 0xffff)));
	const end = new Int32Array(size);
	const hasChildren = new Uint8Array(size);
	const oldSize = new Float64Array(size);
	const newSize = new Float64Array(size);
	for (let i = size - 1; i >= 0; i--) {
		const diff = diffs[i];
		if (diff) {
			oldSize[i]! += stateBytes(diff.old);
			newSize[i]! += stateBytes(diff.new);
		}
		if (end[i] === 0) end[i] = i + 1;
		const p = parent[i]!;
		if (p < 0) continue;
		hasChildren[p] = 1;
		if (end[i]! > end[p]!) end[p] = end[i]!;
		oldSize[p]! += oldSize[i]!;
		newSize[p]! += newSize[i]!;
	}
	return {paths, names, diff: diffs, parent, end, depth, hasChildren, oldSize, newSize, size};
}

/** NEW's bytes less OLD's for node i (a directory: the sum of its deltas). */
export function deltaOf(tree: DiffTree, i: number): number {
	return tree.newSize[i]! - tree.oldSize[i]!;
}

/** What changed about a path, in a word or two: "added", "content", "mode/owner", "file → symlink"… */
export function changeWords(diff: FileDifference | null): string {
	if (!diff) return 'holds changes';
	if (diff.change !== 'modified') return diff.change;
	if (diff.old!.type !== diff.new!.type) return `${diff.old!.type} → ${diff.new!.type}`;
	const parts: string[] = [];
	if (diff.contentChanged) parts.push(diff.new!.type === 'symlink' ? 'link target' : 'content');
	if (diff.metadataChanged) parts.push('mode/owner');
	return parts.join(' + ');
}

/** A short column form of changeWords for modified paths: "bytes", "mode", "bytes+mode", "link", "type". */
export function changeColumn(diff: FileDifference | null): string {
	if (!diff || diff.change !== 'modified') return '';
	if (diff.old!.type !== diff.new!.type) return 'type';
	if (diff.contentChanged && diff.new!.type === 'symlink') return diff.metadataChanged ? 'link+mode' : 'link';
	if (diff.contentChanged) return diff.metadataChanged ? 'bytes+mode' : 'bytes';
	return 'mode';
}
