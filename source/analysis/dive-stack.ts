import type {LayerEntry} from '../layers/layer-entry.js';

/**
 * One path of dive's stack of lower layers. A whiteout does not take nodes out: it marks
 * them absent, so that a node is found by one lookup from its parent, for good, and can
 * carry dive's per-path figures across layers.
 */
export interface StackNode {
	readonly name: string;
	readonly parent: StackNode | null;
	children: Map<string, StackNode> | null;
	/** dive's payload while present; null for parents dive made up. */
	info: LayerEntry | null;
	/** In the stack now (an absent node is as good as deleted). */
	present: boolean;
	/** Index of the path's figures, -1 until dive counts it. */
	slot: number;
}

/**
 * dive's FileTree of the stacked lower layers (FileTree.Stack of layers 0..i-1), with
 * dive's additions and removals, as a trie that never forgets a path.
 */
export class DiveStack {
	readonly root: StackNode = {name: '', parent: null, children: null, info: null, present: true, slot: -1};

	/** The child named `name`, made (absent) if the stack never had it. */
	child(parent: StackNode, name: string): StackNode {
		let node = parent.children?.get(name);
		if (!node) {
			node = {name, parent, children: null, info: null, present: false, slot: -1};
			(parent.children ??= new Map()).set(name, node);
		}
		return node;
	}

	/**
	 * dive's AddPath for a path already walked to: missing parents come back as fresh
	 * empty nodes (no payload), and the node gets `info`.
	 */
	add(node: StackNode, info: LayerEntry | null): void {
		if (!node.present) {
			const absent: StackNode[] = [];
			for (let n: StackNode | null = node; n && !n.present; n = n.parent) absent.push(n);
			for (let i = absent.length - 1; i >= 0; i--) {
				absent[i]!.present = true;
				absent[i]!.info = null;
			}
		}
		node.info = info;
	}

	/** dive's RemovePath: the node and all below it are gone. */
	remove(node: StackNode): void {
		const stack = [node];
		while (stack.length > 0) {
			const n = stack.pop()!;
			n.present = false;
			if (n.children) for (const child of n.children.values()) if (child.present) stack.push(child);
		}
	}

	/** Σ sizes of a present node and everything present below it. */
	subtreeSize(node: StackNode): number {
		let size = 0;
		const stack = [node];
		while (stack.length > 0) {
			const n = stack.pop()!;
			size += n.info?.size ?? 0;
			if (n.children) for (const child of n.children.values()) if (child.present) stack.push(child);
		}
		return size;
	}

	/** The node's path as dive writes it, without the leading slash. */
	static pathOf(node: StackNode): string {
		const names: string[] = [];
		for (let n: StackNode | null = node; n && n.parent; n = n.parent) names.push(n.name);
		return names.reverse().join('/');
	}
}
