import type {LayerEntry} from '../layers/layer-entry.js';
import {CHUNK, Int32Column, Uint8Column, ValueColumn} from './chunked-column.js';
import {nameHash, NameTable} from './name-table.js';

export const WHITEOUT = '.wh.';
const DOUBLE_WHITEOUT = '.wh..wh..';
/** The root's id. */
export const ROOT = 0;

/** Whether a relative path has no empty component: such a path is its own key. */
function isClean(path: string): boolean {
	return path !== '' && path.charCodeAt(0) !== 47 && path.charCodeAt(path.length - 1) !== 47 && !path.includes('//');
}

/** The key of a path: its components joined by "/" ('' for the root). */
function keyOf(path: string): string {
	return isClean(path) ? path : path.split('/').filter(Boolean).join('/');
}

/**
 * Every path dive sees, as one trie that is at once:
 * - dive's stack of the layers below the current one (FileTree.Stack): `present`, `info`;
 * - the tree dive builds for the current layer: `layer`, `entry`, the layer's children;
 * - the key of dive's figures for the path: `slot`.
 * Nothing is ever taken out: a whiteout marks nodes absent, and no layer builds a tree
 * of its own. A node is a number and its fields are chunked columns; a child is found by
 * its parent and name in an open-addressing table of node numbers (see NameTable), not a
 * Map of path strings: hundreds of thousands of paths cost a few dozen bytes each, and
 * growing leaves no copies behind.
 */
export class DiveTrie {
	/** Each node's path ('' for the root): for most nodes the tar entry's own path string. */
	private readonly paths = new ValueColumn<string>('');
	/** dive's payload in the stack (null for parents dive made up) and in the current layer's tree (Go's zero FileInfo when null). */
	private readonly infos = new ValueColumn<LayerEntry | null>(null);
	private readonly entries = new ValueColumn<LayerEntry | null>(null);
	private readonly parent = new Int32Column();
	private readonly present = new Uint8Column();
	/** 1 for nodes whose name is a whiteout's (".wh.NAME"). */
	private readonly whiteout = new Uint8Column();
	/** Index of the path's figures, -1 until dive counts it. */
	private readonly slots = new Int32Column();
	/** The last layer whose tree has the node. */
	private readonly layers = new Int32Column();
	/** Children ever, and children in the current layer's tree: first child, next sibling (-1: none). */
	private readonly firstChild = new Int32Column();
	private readonly nextSibling = new Int32Column();
	private readonly firstKid = new Int32Column();
	private readonly nextKid = new Int32Column();
	private readonly names = new NameTable();
	private count = 0;
	private capacity = 0;
	/** The layer whose tree is being built. */
	private layer = -1;
	/**
	 * The node of the last path added to the current layer's tree: a tar lists a
	 * directory's entries together, so the next path goes under it or near it (see layerDir).
	 */
	private lastNode = -1;

	constructor() {
		this.add('', -1, 0);
		this.present.set(ROOT, 1);
	}

	path(id: number): string {
		return this.paths.get(id);
	}

	parentOf(id: number): number {
		return this.parent.get(id);
	}

	isPresent(id: number): boolean {
		return this.present.get(id) === 1;
	}

	entry(id: number): LayerEntry | null {
		return this.entries.get(id);
	}

	info(id: number): LayerEntry | null {
		return this.infos.get(id);
	}

	slot(id: number): number {
		return this.slots.get(id);
	}

	setSlot(id: number, slot: number): void {
		this.slots.set(id, slot);
	}

	/** Whether the node has children in the current layer's tree. */
	hasKids(id: number): boolean {
		return this.firstKid.get(id) !== -1;
	}

	/** The node's own name. */
	name(id: number): string {
		const path = this.paths.get(id);
		return path.slice(path.lastIndexOf('/') + 1);
	}

	isWhiteout(id: number): boolean {
		return this.whiteout.get(id) === 1;
	}

	/** The child of `parent` named `name`, if the trie has it. */
	findChild(parent: number, name: string): number | undefined {
		const path = this.childPath(parent, name);
		const id = this.lookUp(parent, path, path.length - name.length);
		return id < 0 ? undefined : id;
	}

	/** The child of `parent` named `name` (new ones are in no layer's tree and absent from the stack). */
	child(parent: number, name: string): number {
		const path = this.childPath(parent, name);
		const start = path.length - name.length;
		const id = this.lookUp(parent, path, start);
		return id >= 0 ? id : this.add(path, parent, start);
	}

	private childPath(parent: number, name: string): string {
		const parentPath = this.paths.get(parent);
		return parentPath ? `${parentPath}/${name}` : name;
	}

	/**
	 * The child of `parent` whose path is `path` up to its end, the name starting at
	 * `start` (its components before are the parent's path); -1 if there is none.
	 */
	private lookUp(parent: number, path: string, start: number, end = path.length): number {
		const hash = nameHash(parent, path, start, end);
		const names = this.names;
		for (let at = names.first(hash); ; at = names.next(at)) {
			const id = names.at(at);
			if (id < 0) return -1;
			if (names.hashOf(id) !== hash || this.parent.get(id) !== parent) continue;
			// Same parent, so the same path up to the name: only the names are compared.
			if (this.paths.get(id).length === end && sameChars(this.paths.get(id), path, start, end)) return id;
		}
	}

	/** A new node: `path` is its key, its name starts at `start`. */
	private add(path: string, parent: number, start: number): number {
		const id = this.count++;
		if (id === this.capacity) this.grow();
		this.names.add(id, nameHash(parent, path, start, path.length));
		this.paths.set(id, path);
		this.parent.set(id, parent);
		this.whiteout.set(id, path.startsWith(WHITEOUT, start) ? 1 : 0);
		this.slots.set(id, -1);
		this.layers.set(id, -1);
		this.firstChild.set(id, -1);
		this.firstKid.set(id, -1);
		if (parent >= 0) {
			this.nextSibling.set(id, this.firstChild.get(parent));
			this.firstChild.set(parent, id);
		}
		return id;
	}

	/** One more chunk in every column. */
	private grow(): void {
		this.capacity += CHUNK;
		for (const column of [this.paths, this.infos, this.entries, this.parent, this.present, this.whiteout, this.slots, this.layers, this.firstChild, this.nextSibling, this.firstKid, this.nextKid]) column.ensure(this.capacity);
	}

	/** Starts the tree of `layer` (empty). */
	startLayer(layer: number): void {
		this.layer = layer;
		this.layers.set(ROOT, layer);
		this.firstKid.set(ROOT, -1);
		this.lastNode = -1;
	}

	/** dive's FileTree.AddPath on the current layer's tree. */
	addToLayer(path: string, entry: LayerEntry): void {
		const key = keyOf(path);
		if (key === '') return;
		const id = this.layerNode(key);
		if (id >= 0) this.entries.set(id, entry);
	}

	/**
	 * The node of `path` in the current layer's tree, added with its missing parents
	 * (without payload) as dive walks down to it; -1 when dive drops a name on the way.
	 */
	private layerNode(path: string): number {
		const slash = path.lastIndexOf('/');
		const dir = slash < 0 ? ROOT : this.layerDir(path, slash);
		if (dir < 0) return -1;
		const id = this.joinLayer(path, slash + 1, path.length, dir);
		if (id >= 0) this.lastNode = id;
		return id;
	}

	/**
	 * The node of the directory `path` ends at `end` in, in the current layer's tree, as
	 * dive walks down to it: from the deepest of the last node and its ancestors that
	 * the path is below (a tar walks its tree, so the next entry is nearly always close
	 * by), else from the root; each name not yet in the tree joins it (-1 when dive drops one).
	 */
	private layerDir(path: string, end: number): number {
		let dir = ROOT;
		let start = 0;
		const last = this.lastNode;
		if (last >= 0) {
			// Ancestors' paths are prefixes of the last node's: only their lengths need checking.
			const shared = sharedLength(path, this.paths.get(last), end);
			for (let a = last; a !== ROOT; a = this.parent.get(a)) {
				const length = this.paths.get(a).length;
				if (length > shared) continue;
				if (length === end) return a;
				if (path.charCodeAt(length) === 47) {
					dir = a;
					start = length + 1;
					break;
				}
			}
		}
		while (dir >= 0) {
			const slash = path.indexOf('/', start);
			const stop = slash < 0 || slash > end ? end : slash;
			dir = this.joinLayer(path, start, stop, dir);
			if (stop === end) return dir;
			start = stop + 1;
		}
		return -1;
	}

	/**
	 * The name at [start, end) of `path` in the current layer's tree under `parent` (which
	 * is in it), joining it if it is not there yet; -1 when dive drops the name.
	 */
	private joinLayer(path: string, start: number, end: number, parent: number): number {
		let id = this.lookUp(parent, path, start, end);
		if (id >= 0 && this.layers.get(id) === this.layer) return id;
		if (path.startsWith(DOUBLE_WHITEOUT, start)) return -1;
		if (id < 0) id = this.add(end === path.length ? path : path.slice(0, end), parent, start);
		this.layers.set(id, this.layer);
		this.entries.set(id, null);
		this.firstKid.set(id, -1);
		this.nextKid.set(id, this.firstKid.get(parent));
		this.firstKid.set(parent, id);
		return id;
	}

	/** dive's VisitDepthChildFirst over the current layer's tree: children in name order, then the node; never the root. */
	layerOrder(): number[] {
		const order: number[] = [];
		// Iterative post-order, so deep trees cannot overflow the stack.
		const nodes: number[] = [ROOT];
		const kids: number[][] = [this.sortedKids(ROOT)];
		const next: number[] = [0];
		while (nodes.length > 0) {
			const top = nodes.length - 1;
			const list = kids[top]!;
			if (next[top]! < list.length) {
				const child = list[next[top]!++]!;
				if (this.firstKid.get(child) === -1) order.push(child);
				else {
					nodes.push(child);
					kids.push(this.sortedKids(child));
					next.push(0);
				}
				continue;
			}
			const node = nodes.pop()!;
			kids.pop();
			next.pop();
			if (node !== ROOT) order.push(node);
		}
		return order;
	}

	/** A node's children in the current layer's tree, by name (siblings' paths differ in their names only). */
	private sortedKids(id: number): number[] {
		const list: number[] = [];
		for (let kid = this.firstKid.get(id); kid !== -1; kid = this.nextKid.get(kid)) list.push(kid);
		const paths = this.paths;
		return list.sort((a, b) => (paths.get(a) < paths.get(b) ? -1 : 1));
	}

	/** dive's AddPath on the stack, for a node already walked to: missing parents come back empty. */
	stackAdd(id: number, info: LayerEntry | null): void {
		for (let n = id; n !== -1 && this.present.get(n) === 0; n = this.parent.get(n)) {
			this.present.set(n, 1);
			this.infos.set(n, null);
		}
		this.infos.set(id, info);
	}

	/** dive's RemovePath on the stack: the node and all below it are gone. */
	stackRemove(id: number): void {
		const stack = [id];
		while (stack.length > 0) {
			const n = stack.pop()!;
			this.present.set(n, 0);
			for (let c = this.firstChild.get(n); c !== -1; c = this.nextSibling.get(c)) if (this.present.get(c) === 1) stack.push(c);
		}
	}

	/** Σ sizes of a node in the stack and everything in the stack below it. */
	stackSubtreeSize(id: number): number {
		let size = 0;
		const stack = [id];
		while (stack.length > 0) {
			const n = stack.pop()!;
			size += this.infos.get(n)?.size ?? 0;
			for (let c = this.firstChild.get(n); c !== -1; c = this.nextSibling.get(c)) if (this.present.get(c) === 1) stack.push(c);
		}
		return size;
	}
}

/** How many characters `a` (up to `end`) and `b` have in common from their start. */
function sharedLength(a: string, b: string, end: number): number {
	const most = Math.min(end, b.length);
	let i = 0;
	while (i < most && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	return i;
}

/** Whether two strings have the same characters in [start, end). */
function sameChars(a: string, b: string, start: number, end: number): boolean {
	for (let i = start; i < end; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
	return true;
}

/** Per layer entries array: its dive tree's child-first order, as the entries at each node. */
const fileOrders = new WeakMap<LayerEntry[], Array<LayerEntry | null>>();

export function rememberDiveFileOrder(entries: LayerEntry[], trie: DiveTrie, order: number[]): void {
	fileOrders.set(
		entries,
		order.map(id => trie.entry(id)),
	);
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
		order = trie.layerOrder().map(id => trie.entry(id));
		fileOrders.set(entries, order);
	}
	return order;
}
