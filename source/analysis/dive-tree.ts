import type {LayerEntry} from '../layers/layer-entry.js';

export const WHITEOUT = '.wh.';
const DOUBLE_WHITEOUT = '.wh..wh..';

/**
 * One path as dive sees it, in one trie that is at once:
 * - dive's stack of the layers below the current one (FileTree.Stack): `present`, `info`;
 * - the tree dive builds for the current layer: `layer`, `entry`, `kids`;
 * - the key of dive's figures for the path: `slot`.
 * Nothing is ever taken out: a whiteout marks nodes absent, so a path is found by one
 * lookup from its parent for good, and no layer builds a tree of its own.
 */
export interface DiveNode {
	readonly name: string;
	readonly parent: DiveNode | null;
	/** Every child the trie ever had. */
	children: Map<string, DiveNode> | null;
	/** In the stack of lower layers now (an absent node is as good as deleted). */
	present: boolean;
	/** Its payload in the stack; null for parents dive made up. */
	info: LayerEntry | null;
	/** Index of the path's figures, -1 until dive counts it. */
	slot: number;
	/** The last layer whose tree has this node. */
	layer: number;
	/** Its payload in that layer's tree (Go's zero FileInfo when null). */
	entry: LayerEntry | null;
	/** Its children in that layer's tree, as added. */
	kids: DiveNode[] | null;
}

export function isDiveWhiteout(node: DiveNode): boolean {
	return node.name.startsWith(WHITEOUT);
}

/** Whether a relative path has no empty component: such paths can take the quick way. */
function isClean(path: string): boolean {
	return path !== '' && path.charCodeAt(0) !== 47 && path.charCodeAt(path.length - 1) !== 47 && !path.includes('//');
}

function byName(a: DiveNode, b: DiveNode): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export class DiveTrie {
	readonly root: DiveNode = DiveTrie.node('', null);
	/** Directories by path (they are never taken out of the trie, so this never goes stale). */
	private readonly dirs = new Map<string, DiveNode>([['', this.root]]);
	/** The layer whose tree is being built. */
	private layer = -1;

	private static node(name: string, parent: DiveNode | null): DiveNode {
		return {name, parent, children: null, present: parent === null, info: null, slot: -1, layer: -1, entry: null, kids: null};
	}

	/** The child named `name` (new ones are in no layer's tree and absent from the stack). */
	child(parent: DiveNode, name: string): DiveNode {
		let node = parent.children?.get(name);
		if (!node) {
			node = DiveTrie.node(name, parent);
			(parent.children ??= new Map()).set(name, node);
		}
		return node;
	}

	/** Starts the tree of `layer` (empty). */
	startLayer(layer: number): void {
		this.layer = layer;
		this.root.layer = layer;
		this.root.kids = null;
	}

	/** dive's FileTree.AddPath on the current layer's tree. */
	addToLayer(path: string, entry: LayerEntry): void {
		if (isClean(path)) {
			const slash = path.lastIndexOf('/');
			const dir = this.dirs.get(slash < 0 ? '' : path.slice(0, slash));
			// A directory in this layer's tree has all its parents there too.
			if (dir && dir.layer === this.layer) {
				const node = this.layerChild(dir, slash < 0 ? path : path.slice(slash + 1));
				if (node) node.entry = entry;
				return;
			}
		}
		const names = path.split('/').filter(Boolean);
		let node = this.root;
		let walked = '';
		for (let i = 0; i < names.length; i++) {
			const child = this.layerChild(node, names[i]!);
			if (!child) return;
			node = child;
			if (i === names.length - 1) node.entry = entry;
			else {
				walked = walked ? `${walked}/${node.name}` : node.name;
				this.dirs.set(walked, node);
			}
		}
	}

	/** The child in the current layer's tree, added (without payload) if missing; null when dive drops the name. */
	private layerChild(parent: DiveNode, name: string): DiveNode | null {
		const existing = parent.children?.get(name);
		if (existing && existing.layer === this.layer) return existing;
		if (name.startsWith(DOUBLE_WHITEOUT)) return null;
		const node = existing ?? this.child(parent, name);
		node.layer = this.layer;
		node.entry = null;
		node.kids = null;
		(parent.kids ??= []).push(node);
		return node;
	}

	/** dive's VisitDepthChildFirst over the current layer's tree: children in name order, then the node; never the root. */
	layerOrder(): DiveNode[] {
		const order: DiveNode[] = [];
		// Iterative post-order, so deep trees cannot overflow the stack.
		const stack: Array<{node: DiveNode; kids: DiveNode[] | null; next: number}> = [{node: this.root, kids: null, next: 0}];
		while (stack.length > 0) {
			const top = stack[stack.length - 1]!;
			top.kids ??= top.node.kids ? top.node.kids.slice().sort(byName) : [];
			if (top.next < top.kids.length) {
				stack.push({node: top.kids[top.next++]!, kids: null, next: 0});
				continue;
			}
			stack.pop();
			if (top.node !== this.root) order.push(top.node);
		}
		return order;
	}

	/** dive's AddPath on the stack, for a node already walked to: missing parents come back empty. */
	stackAdd(node: DiveNode, info: LayerEntry | null): void {
		if (!node.present) {
			const absent: DiveNode[] = [];
			for (let n: DiveNode | null = node; n && !n.present; n = n.parent) absent.push(n);
			for (let i = absent.length - 1; i >= 0; i--) {
				absent[i]!.present = true;
				absent[i]!.info = null;
			}
		}
		node.info = info;
	}

	/** dive's RemovePath on the stack: the node and all below it are gone. */
	stackRemove(node: DiveNode): void {
		const stack = [node];
		while (stack.length > 0) {
			const n = stack.pop()!;
			n.present = false;
			if (n.children) for (const child of n.children.values()) if (child.present) stack.push(child);
		}
	}

	/** Σ sizes of a node in the stack and everything in the stack below it. */
	stackSubtreeSize(node: DiveNode): number {
		let size = 0;
		const stack = [node];
		while (stack.length > 0) {
			const n = stack.pop()!;
			size += n.info?.size ?? 0;
			if (n.children) for (const child of n.children.values()) if (child.present) stack.push(child);
		}
		return size;
	}
}

/** dive's FileNode.Path without its leading slash: the whiteout prefix is stripped from the node's own name. */
export function relativeDivePath(node: DiveNode, stripWhiteout = true): string {
	const names: string[] = [];
	for (let n: DiveNode | null = node; n && n.parent; n = n.parent) {
		names.push(n === node && stripWhiteout && n.name.startsWith(WHITEOUT) ? n.name.slice(WHITEOUT.length) : n.name);
	}
	return names.reverse().join('/');
}

/** Per layer entries array: its dive tree's child-first order, as the entries at each node. */
const fileOrders = new WeakMap<LayerEntry[], Array<LayerEntry | null>>();

export function rememberDiveFileOrder(entries: LayerEntry[], order: DiveNode[]): void {
	fileOrders.set(entries, order.map(node => node.entry));
}

/**
 * dive's file list of one layer (what its JSON export shows): the entry at every node of
 * the layer's tree in child-first order, null for parents it made up.
 */
export function diveFileOrder(entries: LayerEntry[]): Array<LayerEntry | null> {
	let order = fileOrders.get(entries);
	if (!order) {
		const trie = new DiveTrie();
		trie.startLayer(0);
		for (const entry of entries) trie.addToLayer(entry.path, entry);
		order = trie.layerOrder().map(node => node.entry);
		fileOrders.set(entries, order);
	}
	return order;
}
