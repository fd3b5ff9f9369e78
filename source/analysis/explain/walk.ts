import type {PathNode} from '../../model/types.js';

/** Every node below `top` (not `top` itself), without recursion: image trees can be deep. */
export function forEachBelow(top: PathNode, visit: (node: PathNode) => void): void {
	const stack: PathNode[] = [];
	if (top.children) for (const child of top.children.values()) stack.push(child);
	while (stack.length > 0) {
		const node = stack.pop()!;
		visit(node);
		if (node.children) for (const child of node.children.values()) stack.push(child);
	}
}
