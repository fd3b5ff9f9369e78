import {topK} from '../analysis/top-k.js';
import {sortedChildren, versionAt} from '../model/query.js';
import type {FileVersion, PathNode} from '../model/types.js';

/** One path of a filesystem view: its absolute path and the version visible there. */
export interface ListedPath {
	path: string;
	version: FileVersion;
}

/**
 * `node` and everything under it in the filesystem at `layer`, depth first in name order
 * (as `tar -t` of an extraction would list it). A loop, not recursion: the image decides
 * the depth. Pure.
 */
export function* walkAt(node: PathNode, version: FileVersion, layer: number): Generator<ListedPath> {
	yield {path: node.path, version};
	if (version.type !== 'dir') return;
	const stack: Array<{children: PathNode[]; next: number}> = [{children: sortedChildren(node), next: 0}];
	while (stack.length > 0) {
		const top = stack[stack.length - 1]!;
		if (top.next === top.children.length) {
			stack.pop();
			continue;
		}
		const child = top.children[top.next++]!;
		const v = versionAt(child, layer);
		if (!v) continue;
		yield {path: child.path, version: v};
		if (v.type === 'dir' && child.children) stack.push({children: sortedChildren(child), next: 0});
	}
}

/**
 * The `count` largest regular files among `paths` (hardlinks are their target's inode, not
 * counted again), biggest first, ties by path.
 */
export function largestFiles(paths: Iterable<ListedPath>, count: number): ListedPath[] {
	return topK(regularFiles(paths), count, (a, b) => b.version.size - a.version.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function* regularFiles(paths: Iterable<ListedPath>): Generator<ListedPath> {
	for (const p of paths) if (p.version.type === 'file') yield {path: p.path, version: p.version};
}
