import {versionAt} from '../../source/model/query.js';
import type {PathNode} from '../../source/model/types.js';

/** The paths present at `layer` in a model's tree (not the root), sorted. */
export function visiblePaths(root: PathNode, layer: number): string[] {
	const out: string[] = [];
	const stack = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node !== root && versionAt(node, layer)) out.push(node.path);
		if (node.children) for (const child of node.children.values()) stack.push(child);
	}
	return out.sort();
}
