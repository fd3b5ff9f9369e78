import type {LayerEntry} from '../layers/layer-entry.js';

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
}

const WHITEOUT = '.wh.';
const DOUBLE_WHITEOUT = '.wh..wh..';

export function newDiveRoot(): DiveNode {
	return {name: '', parent: null, children: null, info: null};
}

export function isDiveWhiteout(node: DiveNode): boolean {
	return node.name.startsWith(WHITEOUT);
}

/** Whether a relative path has no empty component: such paths can take the quick way. */
function isClean(path: string): boolean {
	return path !== '' && path.charCodeAt(0) !== 47 && path.charCodeAt(path.length - 1) !== 47 && !path.includes('//');
}

/**
 * A dive tree with its directories remembered by path, so that adding or finding a path
 * costs one lookup instead of a walk from the root. Paths are dive paths without the
 * leading slash ("etc/passwd"); '' is the root.
 */
export class DiveTree {
	readonly root: DiveNode;
	private readonly dirs = new Map<string, DiveNode>();

	constructor(root: DiveNode = newDiveRoot()) {
		this.root = root;
		this.dirs.set('', root);
	}

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
			node = {name, parent: dir, children: null, info: null};
			(dir.children ??= new Map()).set(name, node);
		}
		node.info = info;
	}

	/** dive's FileTree.GetNode. */
	get(path: string): DiveNode | null {
		if (path === '') return this.root;
		if (isClean(path)) {
			const slash = path.lastIndexOf('/');
			const dir = this.dirs.get(slash < 0 ? '' : path.slice(0, slash));
			if (dir) return dir.children?.get(slash < 0 ? path : path.slice(slash + 1)) ?? null;
		}
		return diveGetNode(this.root, path);
	}

	/** Takes a node (and its subtree) out of the tree; dive's RemovePath once found. */
	remove(node: DiveNode): void {
		if (!node.parent) return;
		node.parent.children?.delete(node.name);
		// Remembered directories may have been inside.
		this.dirs.clear();
		this.dirs.set('', this.root);
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
			child = {name, parent: node, children: null, info: null};
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

/**
 * divePath without its leading slash. A node holding a tar entry sits at that entry's
 * path, so the common case costs nothing.
 */
export function relativeDivePath(node: DiveNode): string {
	const whiteout = node.name.startsWith(WHITEOUT);
	if (node.info) {
		if (!whiteout) return node.info.path;
		const path = node.info.path;
		const slash = path.lastIndexOf('/');
		const name = node.name.slice(WHITEOUT.length);
		return slash < 0 ? name : `${path.slice(0, slash)}/${name}`;
	}
	const names: string[] = [];
	for (let n: DiveNode | null = node; n && n.parent; n = n.parent) {
		names.push(n === node && whiteout ? n.name.slice(WHITEOUT.length) : n.name);
	}
	return names.reverse().join('/');
}

/** The node's path as written (no whiteout prefix stripped): where dive adds it when stacking. */
function rawDivePath(node: DiveNode): string {
	if (node.info) return node.info.path;
	const names: string[] = [];
	for (let n: DiveNode | null = node; n && n.parent; n = n.parent) names.push(n.name);
	return names.reverse().join('/');
}

export function diveGetNode(root: DiveNode, path: string): DiveNode | null {
	let node: DiveNode | undefined = root;
	for (const name of path.split('/')) {
		if (!name) continue;
		node = node.children?.get(name);
		if (!node) return null;
	}
	return node;
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

/**
 * dive's VisitDepthChildFirst: children in name order, then the node; never the root.
 * `visit` returning false stops the walk (dive's visitor error).
 */
export function diveVisitChildFirst(root: DiveNode, visit: (node: DiveNode) => boolean | void): boolean {
	for (const node of diveChildFirstOrder(root)) {
		if (visit(node) === false) return false;
	}
	return true;
}

export function copyDiveTree(node: DiveNode, parent: DiveNode | null = null): DiveNode {
	const copy: DiveNode = {name: node.name, parent, children: null, info: node.info};
	const stack: Array<[DiveNode, DiveNode]> = [[node, copy]];
	while (stack.length > 0) {
		const [from, to] = stack.pop()!;
		if (!from.children) continue;
		to.children = new Map();
		for (const [name, child] of from.children) {
			const childCopy: DiveNode = {name, parent: to, children: null, info: child.info};
			to.children.set(name, childCopy);
			stack.push([child, childCopy]);
		}
	}
	return copy;
}

/**
 * dive's FileTree.Stack: whiteouts remove (missing paths ignored), everything else is
 * added. `order` is the upper tree's child-first order, when already known.
 */
export function diveStack(lower: DiveTree, upper: DiveNode, order: DiveNode[] = diveChildFirstOrder(upper)): void {
	for (const _ of diveStackInSteps(lower, order, Infinity));
}

/** diveStack, pausing after every `step` nodes. */
export function* diveStackInSteps(lower: DiveTree, order: DiveNode[], step: number): Generator<void> {
	let done = 0;
	for (const node of order) {
		if (++done % step === 0) yield;
		if (node.name.startsWith(WHITEOUT)) {
			const target = lower.get(relativeDivePath(node));
			if (target) lower.remove(target);
		} else {
			lower.add(rawDivePath(node), node.info);
		}
	}
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
