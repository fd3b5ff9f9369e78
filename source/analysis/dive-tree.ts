import type {LayerEntry} from '../layers/layer-entry.js';
import type {StackNode} from './dive-stack.js';

/**
 * dive's per-layer file tree, reproduced node for node because dive's figures depend on
 * its quirks: whiteout entries stay as nodes named `.wh.X`, missing parents are empty
 * nodes (no payload, not directories), `.wh..wh..*` entries are dropped, and a node's
 * payload is replaced wholesale when the same path is added again.
 */
export interface DiveNode {
	name: string;
	parent: DiveNode | null;
	/** null until the node gets a child (most nodes are leaves). */
	children: Map<string, DiveNode> | null;
	/** null = a parent dive created without a tar entry (Go's zero FileInfo). */
	info: LayerEntry | null;
	/** The same path in dive's stack of layers, once looked up. */
	stack: StackNode | null;
}

export const WHITEOUT = '.wh.';
const DOUBLE_WHITEOUT = '.wh..wh..';

export function newDiveRoot(): DiveNode {
	return {name: '', parent: null, children: null, info: null, stack: null};
}

export function isDiveWhiteout(node: DiveNode): boolean {
	return node.name.startsWith(WHITEOUT);
}

/** Whether a relative path has no empty component: such paths can take the quick way. */
function isClean(path: string): boolean {
	return path !== '' && path.charCodeAt(0) !== 47 && path.charCodeAt(path.length - 1) !== 47 && !path.includes('//');
}

/**
 * Builds one layer's dive tree, its directories remembered by path so that adding a path
 * costs one lookup instead of a walk from the root. Paths are relative ("etc/passwd").
 */
export class DiveTree {
	readonly root: DiveNode = newDiveRoot();
	private readonly dirs = new Map<string, DiveNode>([['', this.root]]);

	/** dive's FileTree.AddPath. */
	add(path: string, info: LayerEntry | null): void {
		const slash = path.lastIndexOf('/');
		const dir = isClean(path) ? this.dirs.get(slash < 0 ? '' : path.slice(0, slash)) : undefined;
		if (!dir) {
			diveAddPath(this.root, path, info, this.dirs);
			return;
		}
		const name = slash < 0 ? path : path.slice(slash + 1);
		let node = dir.children?.get(name);
		if (!node) {
			if (name.startsWith(DOUBLE_WHITEOUT)) return;
			node = {name, parent: dir, children: null, info: null, stack: null};
			(dir.children ??= new Map()).set(name, node);
		}
		node.info = info;
	}
}

/** dive's FileTree.AddPath; `dirs`, when given, learns the directories walked through. */
export function diveAddPath(root: DiveNode, path: string, info: LayerEntry | null, dirs?: Map<string, DiveNode>): void {
	const names = path.split('/').filter(Boolean);
	let node = root;
	let walked = '';
	for (let i = 0; i < names.length; i++) {
		const name = names[i]!;
		let child = node.children?.get(name);
		if (!child) {
			if (name.startsWith(DOUBLE_WHITEOUT)) return;
			child = {name, parent: node, children: null, info: null, stack: null};
			(node.children ??= new Map()).set(name, child);
		}
		node = child;
		if (i === names.length - 1) node.info = info;
		else if (dirs) {
			walked = walked ? `${walked}/${name}` : name;
			dirs.set(walked, node);
		}
	}
}

export function buildDiveTree(entries: LayerEntry[]): DiveNode {
	const tree = new DiveTree();
	for (const entry of entries) tree.add(entry.path, entry);
	return tree.root;
}

/** dive's FileNode.Path: "/a/b", with the whiteout prefix stripped from the node's own name. */
export function divePath(node: DiveNode): string {
	return '/' + relativeDivePath(node);
}

/** divePath without its leading slash. */
export function relativeDivePath(node: DiveNode): string {
	const names: string[] = [];
	for (let n: DiveNode | null = node; n && n.parent; n = n.parent) {
		names.push(n === node && n.name.startsWith(WHITEOUT) ? n.name.slice(WHITEOUT.length) : n.name);
	}
	return names.reverse().join('/');
}

function byName(a: DiveNode, b: DiveNode): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** dive's VisitDepthChildFirst order: children in name order, then the node; never the root. */
export function diveChildFirstOrder(root: DiveNode): DiveNode[] {
	const order: DiveNode[] = [];
	// Iterative post-order, so deep trees cannot overflow the stack.
	const stack: Array<{node: DiveNode; children: DiveNode[] | null; next: number}> = [{node: root, children: null, next: 0}];
	while (stack.length > 0) {
		const top = stack[stack.length - 1]!;
		top.children ??= top.node.children ? [...top.node.children.values()].sort(byName) : [];
		if (top.next < top.children.length) {
			const child = top.children[top.next++]!;
			stack.push({node: child, children: null, next: 0});
			continue;
		}
		stack.pop();
		if (top.node !== root) order.push(top.node);
	}
	return order;
}

/** Per layer entries array: its dive tree's child-first order, as the entries at each node. */
const fileOrders = new WeakMap<LayerEntry[], Array<LayerEntry | null>>();

export function rememberDiveFileOrder(entries: LayerEntry[], order: DiveNode[]): void {
	fileOrders.set(entries, order.map(node => node.info));
}

/**
 * dive's file list of one layer (what its JSON export shows): the entry at every node of
 * the layer's tree in child-first order, null for parents it made up.
 */
export function diveFileOrder(entries: LayerEntry[]): Array<LayerEntry | null> {
	let order = fileOrders.get(entries);
	if (!order) {
		order = diveChildFirstOrder(buildDiveTree(entries)).map(node => node.info);
		fileOrders.set(entries, order);
	}
	return order;
}
