import type {LayerEntry} from '../layers/layer-entry.js';

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
 * of its own. A node is a number, its fields are columns, and its key is its path (for
 * most nodes the tar entry's own path string): hundreds of thousands of paths cost a few
 * typed arrays, not as many objects.
 */
export class DiveTrie {
	private readonly ids = new Map<string, number>([['', ROOT]]);
	/** Each node's path ('' for the root). */
	private readonly paths: string[] = [''];
	/** dive's payload in the stack (null for parents dive made up) and in the current layer's tree (Go's zero FileInfo when null). */
	private readonly infos: Array<LayerEntry | null> = [null];
	private readonly entries: Array<LayerEntry | null> = [null];
	private parent = new Int32Array(1024);
	private present = new Uint8Array(1024);
	/** 1 for nodes whose name is a whiteout's (".wh.NAME"). */
	private whiteout = new Uint8Array(1024);
	/** Index of the path's figures, -1 until dive counts it. */
	private slots = new Int32Array(1024);
	/** The last layer whose tree has the node. */
	private layers = new Int32Array(1024);
	/** Children ever, and children in the current layer's tree: first child, next sibling (-1: none). */
	private firstChild = new Int32Array(1024);
	private nextSibling = new Int32Array(1024);
	private firstKid = new Int32Array(1024);
	private nextKid = new Int32Array(1024);
	private count = 1;
	/** The layer whose tree is being built. */
	private layer = -1;
	/**
	 * The parent of the last path added to the current layer's tree, and its path: a tar
	 * lists a directory's entries together, so most paths go under it without a look-up.
	 */
	private lastDir = -1;
	private lastDirPath = '';

	constructor() {
		this.parent[ROOT] = -1;
		this.present[ROOT] = 1;
		this.slots[ROOT] = -1;
		this.layers[ROOT] = -1;
		this.firstChild[ROOT] = -1;
		this.firstKid[ROOT] = -1;
	}

	path(id: number): string {
		return this.paths[id]!;
	}

	parentOf(id: number): number {
		return this.parent[id]!;
	}

	isPresent(id: number): boolean {
		return this.present[id] === 1;
	}

	entry(id: number): LayerEntry | null {
		return this.entries[id]!;
	}

	info(id: number): LayerEntry | null {
		return this.infos[id]!;
	}

	slot(id: number): number {
		return this.slots[id]!;
	}

	setSlot(id: number, slot: number): void {
		this.slots[id] = slot;
	}

	/** Whether the node has children in the current layer's tree. */
	hasKids(id: number): boolean {
		return this.firstKid[id] !== -1;
	}

	/** The node's own name. */
	name(id: number): string {
		const path = this.paths[id]!;
		return path.slice(path.lastIndexOf('/') + 1);
	}

	isWhiteout(id: number): boolean {
		return this.whiteout[id] === 1;
	}

	/** The child of `parent` named `name`, if the trie has it. */
	findChild(parent: number, name: string): number | undefined {
		return this.ids.get(this.childPath(parent, name));
	}

	/** The child of `parent` named `name` (new ones are in no layer's tree and absent from the stack). */
	child(parent: number, name: string): number {
		const path = this.childPath(parent, name);
		return this.ids.get(path) ?? this.add(path, parent);
	}

	private childPath(parent: number, name: string): string {
		const parentPath = this.paths[parent]!;
		return parentPath ? `${parentPath}/${name}` : name;
	}

	private add(path: string, parent: number): number {
		const id = this.count++;
		if (id === this.parent.length) this.grow();
		this.ids.set(path, id);
		this.paths.push(path);
		this.infos.push(null);
		this.entries.push(null);
		this.parent[id] = parent;
		this.present[id] = 0;
		this.whiteout[id] = path.startsWith(WHITEOUT, path.lastIndexOf('/') + 1) ? 1 : 0;
		this.slots[id] = -1;
		this.layers[id] = -1;
		this.firstChild[id] = -1;
		this.nextSibling[id] = this.firstChild[parent]!;
		this.firstChild[parent] = id;
		this.firstKid[id] = -1;
		return id;
	}

	/** Room for `more` nodes beyond those there are, in one step (a layer's entries are known). */
	reserve(more: number): void {
		if (this.count + more > this.parent.length) this.grow(this.count + more);
	}

	private grow(atLeast = 0): void {
		const length = Math.max(atLeast, Math.ceil(this.parent.length * 1.5));
		const widen = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
			b.set(a);
			return b;
		};
		this.parent = widen(this.parent, new Int32Array(length));
		this.present = widen(this.present, new Uint8Array(length));
		this.whiteout = widen(this.whiteout, new Uint8Array(length));
		this.slots = widen(this.slots, new Int32Array(length));
		this.layers = widen(this.layers, new Int32Array(length));
		this.firstChild = widen(this.firstChild, new Int32Array(length));
		this.nextSibling = widen(this.nextSibling, new Int32Array(length));
		this.firstKid = widen(this.firstKid, new Int32Array(length));
		this.nextKid = widen(this.nextKid, new Int32Array(length));
	}

	/** Starts the tree of `layer` (empty). */
	startLayer(layer: number): void {
		this.layer = layer;
		this.layers[ROOT] = layer;
		this.firstKid[ROOT] = -1;
		this.lastDir = -1;
	}

	/** dive's FileTree.AddPath on the current layer's tree. */
	addToLayer(path: string, entry: LayerEntry): void {
		const key = keyOf(path);
		if (key === '') return;
		const id = this.layerNode(key);
		if (id >= 0) this.entries[id] = entry;
	}

	/**
	 * The node of `path` in the current layer's tree, added with its missing parents
	 * (without payload) as dive walks down to it; -1 when dive drops a name on the way.
	 */
	private layerNode(path: string): number {
		const known = this.ids.get(path);
		if (known !== undefined && this.layers[known] === this.layer) return known;
		const slash = path.lastIndexOf('/');
		// The parent is already in this layer's tree (the root always is): no walk.
		if (slash < 0) return this.joinLayer(path, known, ROOT);
		const lastDirPath = this.lastDirPath;
		if (this.lastDir >= 0 && slash === lastDirPath.length && path.startsWith(lastDirPath)) return this.joinLayer(path, known, this.lastDir);
		// Up to the nearest ancestor in this layer's tree (the root always is)…
		const chain = [path];
		const chainIds = [known];
		let parent = ROOT;
		const dirPath = path.slice(0, slash);
		for (let above = dirPath, at = slash; at >= 0; at = above.lastIndexOf('/')) {
			if (above.length !== at) above = above.slice(0, at);
			const id = this.ids.get(above);
			if (id !== undefined && this.layers[id] === this.layer) {
				parent = id;
				break;
			}
			chain.push(above);
			chainIds.push(id);
		}
		// …then down, as dive walks: each name joins the tree, until one dive drops.
		for (let i = chain.length - 1; i >= 0; i--) {
			parent = this.joinLayer(chain[i]!, chainIds[i], parent);
			if (parent < 0) return -1;
		}
		this.lastDir = this.parent[parent]!;
		this.lastDirPath = dirPath;
		return parent;
	}

	/** One name joins the current layer's tree under `parent` (which is in it); -1 when dive drops the name. */
	private joinLayer(path: string, known: number | undefined, parent: number): number {
		if (path.startsWith(DOUBLE_WHITEOUT, path.lastIndexOf('/') + 1)) return -1;
		const id = known ?? this.add(path, parent);
		this.layers[id] = this.layer;
		this.entries[id] = null;
		this.firstKid[id] = -1;
		this.nextKid[id] = this.firstKid[parent]!;
		this.firstKid[parent] = id;
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
				if (this.firstKid[child] === -1) order.push(child);
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
		for (let kid = this.firstKid[id]!; kid !== -1; kid = this.nextKid[kid]!) list.push(kid);
		const paths = this.paths;
		return list.sort((a, b) => (paths[a]! < paths[b]! ? -1 : 1));
	}

	/** dive's AddPath on the stack, for a node already walked to: missing parents come back empty. */
	stackAdd(id: number, info: LayerEntry | null): void {
		for (let n = id; n !== -1 && this.present[n] === 0; n = this.parent[n]!) {
			this.present[n] = 1;
			this.infos[n] = null;
		}
		this.infos[id] = info;
	}

	/** dive's RemovePath on the stack: the node and all below it are gone. */
	stackRemove(id: number): void {
		const stack = [id];
		while (stack.length > 0) {
			const n = stack.pop()!;
			this.present[n] = 0;
			for (let c = this.firstChild[n]!; c !== -1; c = this.nextSibling[c]!) if (this.present[c] === 1) stack.push(c);
		}
	}

	/** Σ sizes of a node in the stack and everything in the stack below it. */
	stackSubtreeSize(id: number): number {
		let size = 0;
		const stack = [id];
		while (stack.length > 0) {
			const n = stack.pop()!;
			size += this.infos[n]?.size ?? 0;
			for (let c = this.firstChild[n]!; c !== -1; c = this.nextSibling[c]!) if (this.present[c] === 1) stack.push(c);
		}
		return size;
	}
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
