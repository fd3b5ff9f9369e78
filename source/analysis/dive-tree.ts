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

/** dive's FileTree.AddPath. */
export function diveAddPath(root: DiveNode, path: string, info: LayerEntry | null): void {
	const names = path.split('/').filter(Boolean);
	let node = root;
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
	}
}

export function buildDiveTree(entries: LayerEntry[]): DiveNode {
	const root = newDiveRoot();
	for (const entry of entries) diveAddPath(root, entry.path, entry);
	return root;
}

/** dive's FileNode.Path: "/a/b", with the whiteout prefix stripped from the node's own name. */
export function divePath(node: DiveNode): string {
	const names: string[] = [];
	for (let n: DiveNode | null = node; n && n.parent; n = n.parent) {
		names.push(n === node && n.name.startsWith(WHITEOUT) ? n.name.slice(WHITEOUT.length) : n.name);
	}
	return '/' + names.reverse().join('/');
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

/**
 * dive's VisitDepthChildFirst: children in name order, then the node; never the root.
 * `visit` returning false stops the walk (dive's visitor error).
 */
export function diveVisitChildFirst(root: DiveNode, visit: (node: DiveNode) => boolean | void): boolean {
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
		if (top.node !== root && visit(top.node) === false) return false;
	}
	return true;
}

export function copyDiveTree(node: DiveNode, parent: DiveNode | null = null): DiveNode {
	const copy: DiveNode = {name: node.name, parent, children: null, info: node.info};
	if (node.children) {
		copy.children = new Map();
		for (const [name, child] of node.children) copy.children.set(name, copyDiveTree(child, copy));
	}
	return copy;
}

/** dive's FileTree.Stack: whiteouts remove (missing paths ignored), everything else is added. */
export function diveStack(lower: DiveNode, upper: DiveNode): void {
	diveVisitChildFirst(upper, node => {
		const path = divePath(node);
		if (isDiveWhiteout(node)) {
			const target = diveGetNode(lower, path);
			if (target && target.parent) target.parent.children?.delete(target.name);
		} else {
			diveAddPath(lower, path, node.info);
		}
	});
}
