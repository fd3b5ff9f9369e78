import type {LayerEntry} from '../layers/layer-entry.js';
import {isAufsMetaPath} from '../layers/classify-entry.js';
import {entryAsVersion, storedOfSparse} from '../layers/compact-entry.js';
import {changeKinds, strongerChange} from './change-kinds.js';
import {ChildNodes} from './child-nodes.js';
import {summarizeLayers} from './layer-summaries.js';
import type {ChangeKind, FileType, FileVersion, ImageModel, LayerSummary, PathNode, RemovalReason, ShadowedVersion} from './types.js';

const MAX_SYMLINK_HOPS = 40;

/**
 * Stacks layers into one tree of paths, each with its history, following the OCI
 * changeset rules: whiteouts and opaque markers hide lower layers only, a non-directory
 * replacing a directory removes its subtree, the last duplicate in a layer wins, parent
 * components that are symlinks are followed inside the root, hardlinks share their
 * target's bytes. Pure: no I/O.
 */
export function buildModel(layers: LayerEntry[][]): ImageModel {
	const builder = new ModelBuilder();
	layers.forEach((entries, index) => builder.applyLayer(entries, index));
	return builder.finish(layers);
}

/** Warnings kept per image model; the rest are counted. */
const MAX_WARNINGS = 100;

// Shared by nodes without versions or marks.
const NO_VERSIONS: FileVersion[] = Object.freeze([]) as unknown as FileVersion[];

/** A mark as one small integer: layer << 2 | index of the kind in changeKinds. */
const NO_MARK = -1;
const NO_MARKS: Array<[number, ChangeKind]> = Object.freeze([]) as unknown as Array<[number, ChangeKind]>;
const markOf = (layer: number, kind: ChangeKind) => (layer << 2) | changeKinds.indexOf(kind);

/**
 * A path node that works out its absolute path when first asked (and keeps it), and
 * holds a lone version without an array around it: a big image has hundreds of
 * thousands of paths, most with one version, and most are never shown.
 */
class TreeNode implements PathNode {
	children: ChildNodes<TreeNode> | null = null;
	/** The marks packed (see markOf): none, the only one, or all in layer order. Most directories have one. */
	private packedMarks: number | number[] = NO_MARK;
	/** The only version, or the versions in layer order (an array of the exact length) when there are several. */
	private held: FileVersion | FileVersion[] | null = null;
	private knownPath: string | null = null;

	constructor(
		readonly name: string,
		readonly parent: TreeNode | null,
	) {}

	get path(): string {
		if (this.knownPath !== null) return this.knownPath;
		// Up to the nearest ancestor that knows its path, then down again: a loop, since the
		// image decides how deep paths go.
		const unknown: TreeNode[] = [];
		let node: TreeNode | null = this;
		while (node && node.knownPath === null) {
			unknown.push(node);
			node = node.parent;
		}
		for (let i = unknown.length - 1; i >= 0; i--) {
			const child = unknown[i]!;
			const parent = child.parent;
			child.knownPath = parent ? (parent.parent ? `${parent.knownPath}/${child.name}` : `/${child.name}`) : '/';
		}
		return this.knownPath!;
	}

	/** The marks as PathNode has them, made when asked (views ask for a few nodes at a time). */
	get marks(): Array<[number, ChangeKind]> {
		const packed = this.packedMarks;
		if (packed === NO_MARK) return NO_MARKS; // most nodes: leaves
		return (typeof packed === 'number' ? [packed] : packed).map(mark => [mark >>> 2, changeKinds[mark & 3]!]);
	}

	/** The last mark, packed (NO_MARK when none). */
	lastMark(): number {
		const packed = this.packedMarks;
		return typeof packed === 'number' ? packed : packed[packed.length - 1]!;
	}

	/** Replaces the last mark (which must exist) or appends one. */
	putMark(mark: number, replace: boolean): void {
		const packed = this.packedMarks;
		if (typeof packed === 'number') this.packedMarks = replace || packed === NO_MARK ? mark : [packed, mark];
		else if (replace) packed[packed.length - 1] = mark;
		// A copy of the exact length: an array grown by push keeps room for ~16 more (tens of thousands of directories).
		else this.packedMarks = packed.concat(mark);
	}

	get versions(): FileVersion[] {
		const held = this.held;
		return held === null ? NO_VERSIONS : Array.isArray(held) ? held : [held];
	}

	versionCount(): number {
		const held = this.held;
		return held === null ? 0 : Array.isArray(held) ? held.length : 1;
	}

	latestAt(layer: number): FileVersion | null {
		const held = this.held;
		if (held === null) return null;
		if (!Array.isArray(held)) return held.layer <= layer ? held : null;
		for (let i = held.length - 1; i >= 0; i--) if (held[i]!.layer <= layer) return held[i]!;
		return null;
	}

	lastVersion(): FileVersion | null {
		const held = this.held;
		return held === null ? null : Array.isArray(held) ? held[held.length - 1]! : held;
	}

	/** The version present before `layer` (ignoring what `layer` itself wrote). */
	versionBelow(layer: number): FileVersion | null {
		const held = this.held;
		if (held === null) return null;
		if (!Array.isArray(held)) return held.layer < layer && held.change !== 'removed' ? held : null;
		for (let i = held.length - 1; i >= 0; i--) {
			const v = held[i]!;
			if (v.layer < layer) return v.change === 'removed' ? null : v;
		}
		return null;
	}

	/** Replaces the last version if it is of the same layer, else appends. */
	putVersion(version: FileVersion): void {
		const held = this.held;
		if (held === null) this.held = version;
		else if (!Array.isArray(held)) this.held = held.layer === version.layer ? version : [held, version];
		else if (held[held.length - 1]!.layer === version.layer) held[held.length - 1] = version;
		else this.held = held.concat(version);
	}

	dropLastVersion(): void {
		const held = this.held;
		if (!Array.isArray(held)) this.held = null;
		else if (held.length === 2) this.held = held[0]!;
		else this.held = held.slice(0, -1);
	}
}

/**
 * A version written by a tar entry: its metadata is read from the entry instead of being
 * copied, and its layer and change share one small integer. Big images have hundreds of
 * thousands of these.
 */
class EntryVersion implements FileVersion {
	/** layer << 2 | index of the change in changeKinds */
	private bits: number;

	constructor(
		protected readonly entry: LayerEntry,
		layer: number,
	) {
		this.bits = layer << 2;
	}

	get layer(): number {
		return this.bits >>> 2;
	}

	get change(): ChangeKind {
		return changeKinds[this.bits & 3]!;
	}

	set change(change: ChangeKind) {
		this.bits = (this.bits & ~3) | changeKinds.indexOf(change);
	}

	get linkedVersion(): FileVersion | null {
		return null;
	}

	get type(): FileType {
		return this.entry.kind as FileType;
	}

	get size(): number {
		return this.entry.kind === 'file' ? this.entry.size : 0;
	}

	get stored(): number {
		const sparse = this.entry.sparse;
		return sparse ? storedOfSparse(sparse.regions) : this.entry.size;
	}

	get mode(): number {
		return this.entry.mode;
	}

	get uid(): number {
		return this.entry.uid;
	}

	get gid(): number {
		return this.entry.gid;
	}

	get hash(): string | null {
		return this.entry.hash;
	}

	/** A hardlink's target as an absolute path (whether or not it was found). */
	get linkTarget(): string | null {
		const target = this.entry.linkTarget;
		return this.entry.kind === 'hardlink' ? `/${target ?? ''}` : target;
	}

	get reason(): RemovalReason | null {
		return null;
	}

	get implicit(): boolean {
		return false;
	}
}

/** A hardlink: its inode metadata and bytes are those of the version it links to (when found). */
class LinkVersion extends EntryVersion {
	constructor(
		entry: LayerEntry,
		layer: number,
		private readonly target: FileVersion | null,
	) {
		super(entry, layer);
	}

	override get linkedVersion(): FileVersion | null {
		return this.target;
	}

	override get size(): number {
		return this.target ? this.target.size : super.size;
	}

	override get mode(): number {
		return this.target ? this.target.mode : this.entry.mode;
	}

	override get uid(): number {
		return this.target ? this.target.uid : this.entry.uid;
	}

	override get gid(): number {
		return this.target ? this.target.gid : this.entry.gid;
	}

	override get hash(): string | null {
		return this.target ? this.target.hash : this.entry.hash;
	}
}

/** Removal reasons as small integers (a removal keeps one beside its layer). */
const REASONS: RemovalReason[] = ['whiteout', 'opaque', 'replaced', 'parent-removed'];

/**
 * A removal (or, with `of` null, a directory the tar never listed): layer, change and
 * reason in one small integer, the metadata read from the version it removed. Whiteouts
 * and opaque directories remove tens of thousands of paths in big images; as object
 * literals each took 128 bytes.
 */
class MadeVersion implements FileVersion {
	/** layer << 4 | reason index << 2 | change index */
	private bits: number;

	constructor(
		layer: number,
		change: ChangeKind,
		reason: RemovalReason | null,
		/** The version removed; null for an implicit directory. */
		private readonly of: FileVersion | null,
	) {
		this.bits = (layer << 4) | ((reason === null ? 0 : REASONS.indexOf(reason)) << 2) | changeKinds.indexOf(change);
	}

	get layer(): number {
		return this.bits >>> 4;
	}

	get change(): ChangeKind {
		return changeKinds[this.bits & 3]!;
	}

	set change(change: ChangeKind) {
		this.bits = (this.bits & ~3) | changeKinds.indexOf(change);
	}

	get reason(): RemovalReason | null {
		return this.of ? REASONS[(this.bits >>> 2) & 3]! : null;
	}

	get implicit(): boolean {
		return this.of === null;
	}

	get type(): FileType | null {
		return this.of ? null : 'dir';
	}

	get size(): number {
		return 0;
	}

	get stored(): number {
		return 0;
	}

	// An implicit directory is 0755 root:root, as extractors make it.
	get mode(): number {
		return this.of ? this.of.mode : 0o755;
	}

	get uid(): number {
		return this.of ? this.of.uid : 0;
	}

	get gid(): number {
		return this.of ? this.of.gid : 0;
	}

	get hash(): null {
		return null;
	}

	get linkTarget(): string | null {
		return this.of ? this.of.linkTarget : null;
	}

	get linkedVersion(): null {
		return null;
	}
}

function current(node: TreeNode): FileVersion | null {
	const v = node.lastVersion();
	return v && v.change !== 'removed' ? v : null;
}

/** The version present before `layer` (ignoring what `layer` itself wrote). */
function lowerVersion(node: TreeNode, layer: number): FileVersion | null {
	return node.versionBelow(layer);
}

function sameContent(a: FileVersion, b: FileVersion): boolean {
	if (a.type !== b.type || a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid) return false;
	if (a.type === 'dir') return true;
	return a.hash === b.hash && a.linkTarget === b.linkTarget && a.size === b.size;
}

/** The directory part of a normalized path ('' for a top-level name). */
function dirOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

function baseOf(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** Builds the model one layer at a time, in order (so layers can be applied as they arrive). */
export class ModelBuilder {
	readonly root = new TreeNode('', null);
	readonly warnings: string[] = [];
	/** File versions a later entry of the same layer replaced or removed: stored, never visible. */
	readonly shadowed: ShadowedVersion[] = [];
	/** AUFS keeps hardlink targets in /.wh..wh.plnk: links into it resolve to these. */
	private readonly aufsLinks = new Map<string, FileVersion>();
	/**
	 * Where the entries of the current layer went, by directory path: most entries go
	 * into a directory another entry already went into. Forgotten whenever a directory
	 * or symlink changes, which could change where a path leads.
	 */
	private readonly dirs = new Map<string, TreeNode>();
	/** The last of `dirs` an entry went into (null when `dirs` is forgotten). */
	private lastDirPath: string | null = null;
	private lastDirNode: TreeNode | null = null;
	/** Warnings past MAX_WARNINGS, only counted: their number is the image's to choose. */
	private droppedWarnings = 0;
	/** While layer 0 is streamed: where its warnings start, and those its whiteouts owe. */
	private firstLayer: {warningsAt: number; whiteoutWarnings: string[]} | null = null;

	constructor() {
		this.root.children = new ChildNodes();
	}

	applyLayer(entries: LayerEntry[], layer: number): void {
		for (const _ of this.applyLayerInSteps(entries, layer));
	}

	/** applyLayer, pausing after every few thousand entries (so a caller can do other work in between). */
	*applyLayerInSteps(entries: LayerEntry[], layer: number, step = 4096): Generator<void> {
		this.forgetDirs();
		let done = 0;
		// Whiteouts and opaque markers apply to lower layers only, wherever they sit in the tar.
		for (const entry of entries) {
			if (++done % step === 0) yield;
			if (entry.kind === 'whiteout') this.applyWhiteout(entry, layer);
			else if (entry.kind === 'opaque') this.applyOpaque(entry, layer);
		}
		for (const entry of entries) {
			if (++done % step === 0) yield;
			this.applyOne(entry, layer);
		}
	}

	/**
	 * The first layer, one entry at a time as it is read. Nothing lies below it, so its
	 * whiteouts and opaque markers have nothing to hide: applying it in one go would give
	 * the same model (and the same warnings, in the same order).
	 */
	streamFirstLayer(entry: LayerEntry): void {
		if (!this.firstLayer) {
			if (this.root.children!.size > 0) throw new Error('streamFirstLayer: layer 0 must come first');
			this.forgetDirs();
			this.firstLayer = {warningsAt: this.warnings.length, whiteoutWarnings: []};
		}
		// What applyWhiteout would say about it on an empty model.
		if (entry.kind === 'whiteout' && !baseOf(entry.path).slice(4)) {
			if (this.firstLayer.whiteoutWarnings.length < MAX_WARNINGS) this.firstLayer.whiteoutWarnings.push(`layer 0: ignored a whiteout without a name ("${entry.path}")`);
			else this.droppedWarnings++;
		}
		this.applyOne(entry, 0);
	}

	/** Forgets where paths led (a directory or symlink changed). */
	private forgetDirs(): void {
		this.dirs.clear();
		this.lastDirPath = null;
		this.lastDirNode = null;
	}

	private warn(message: string): void {
		if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
		else this.droppedWarnings++;
	}

	/** Ends streamFirstLayer: the whiteouts' warnings go first, as applyLayer would have them. */
	endFirstLayer(): void {
		const first = this.firstLayer;
		if (!first) return;
		this.warnings.splice(first.warningsAt, 0, ...first.whiteoutWarnings);
		this.firstLayer = null;
	}

	/** An entry after the layer's whiteouts and opaque markers were applied. */
	private applyOne(entry: LayerEntry, layer: number): void {
		if (entry.kind === 'whiteout' || entry.kind === 'meta') return;
		if (isAufsMetaPath(entry.path)) {
			if (entry.kind === 'file') this.aufsLinks.set(entry.path, this.makeVersion(entry, layer, null));
			return;
		}
		if (entry.kind === 'opaque') {
			this.resolveDir(dirOf(entry.path), layer, true);
			return;
		}
		this.applyEntry(entry, layer);
	}

	private applyWhiteout(entry: LayerEntry, layer: number): void {
		const name = baseOf(entry.path).slice(4);
		if (!name) {
			this.warn(`layer ${layer}: ignored a whiteout without a name ("${entry.path}")`);
			return;
		}
		const dir = this.resolveDir(dirOf(entry.path), layer, false);
		const target = dir?.children?.get(name);
		if (target && current(target)) this.removeSubtree(target, layer, 'whiteout');
	}

	private applyOpaque(entry: LayerEntry, layer: number): void {
		const dir = this.resolveDir(dirOf(entry.path), layer, false);
		if (!dir?.children) return;
		for (const child of dir.children.values()) {
			if (current(child)) this.removeSubtree(child, layer, 'opaque');
		}
	}

	private applyEntry(entry: LayerEntry, layer: number): void {
		const path = entry.path;
		const slash = path.lastIndexOf('/');
		const lastDirPath = this.lastDirPath;
		let parent: TreeNode | null;
		if (slash < 0) parent = this.root;
		// Most entries go into the directory the entry before went into: no look-up.
		else if (lastDirPath !== null && slash === lastDirPath.length && path.startsWith(lastDirPath)) parent = this.lastDirNode!;
		else {
			const dirPath = path.slice(0, slash);
			parent = this.dirs.get(dirPath) ?? null;
			if (!parent) {
				parent = this.resolveDir(dirPath, layer, true);
				if (!parent) return;
				this.dirs.set(dirPath, parent);
			}
			this.lastDirPath = dirPath;
			this.lastDirNode = parent;
		}
		const node = this.child(parent, path.slice(slash + 1));
		const previous = node.lastVersion();
		if (previous && previous.layer === layer) {
			if (previous.change === 'removed' && previous.reason === 'whiteout') {
				this.warn(`layer ${layer}: "${node.path}" is both whited out and written; the written entry is kept`);
			} else if (previous.change !== 'removed' && !previous.implicit) {
				this.warn(`layer ${layer}: "${node.path}" appears twice in this layer; the last one wins`);
			}
		}
		const lower = lowerVersion(node, layer);
		const version = this.makeVersion(entry, layer, lower);
		const before = current(node);
		if (before?.type === 'dir' && version.type !== 'dir') this.removeChildren(node, layer, 'replaced');
		this.setVersion(node, version);
	}

	makeVersion(entry: LayerEntry, layer: number, lower: FileVersion | null): FileVersion {
		const version = entry.kind === 'hardlink' ? new LinkVersion(entry, layer, this.hardlinkTarget(entry, layer)) : (entryAsVersion(entry, layer) ?? new EntryVersion(entry, layer));
		if (lower) version.change = sameContent(lower, version) ? 'unchanged' : 'modified';
		return version;
	}

	/** The version whose bytes (and inode metadata) a hardlink shares; null (with a warning) if there is none. */
	private hardlinkTarget(entry: LayerEntry, layer: number): FileVersion | null {
		const targetPath = entry.linkTarget ?? '';
		let target = this.aufsLinks.get(targetPath) ?? null;
		if (!target) {
			const dir = this.resolveDir(dirOf(targetPath), layer, false);
			const node = dir?.children?.get(baseOf(targetPath));
			target = node ? current(node) : null;
		}
		while (target?.linkedVersion) target = target.linkedVersion;
		if (!target || (target.type !== 'file' && target.type !== 'hardlink')) {
			this.warn(`layer ${layer}: hardlink "/${entry.path}" points to "/${targetPath}", which does not exist`);
			return null;
		}
		return target;
	}

	/** Replaces this layer's version of the node, or appends one. */
	private setVersion(node: TreeNode, version: FileVersion): void {
		const last = node.lastVersion();
		if (last?.layer === version.layer) this.shadow(node, last, version);
		if (last && last.change !== 'removed' && (last.type === 'symlink' || (last.type === 'dir' && version.type !== 'dir'))) {
			this.forgetDirs(); // paths through this node may lead elsewhere now
		}
		node.putVersion(version);
		this.mark(node, version.layer, version.change);
	}

	private removeSubtree(node: TreeNode, layer: number, reason: RemovalReason): void {
		this.removeChildren(node, layer, 'parent-removed');
		this.removeOne(node, layer, reason);
	}

	private removeChildren(node: TreeNode, layer: number, reason: RemovalReason): void {
		if (!node.children) return;
		for (const child of node.children.values()) {
			if (current(child)) this.removeSubtree(child, layer, reason === 'replaced' ? 'parent-removed' : reason);
		}
	}

	private removeOne(node: TreeNode, layer: number, reason: RemovalReason): void {
		const last = node.lastVersion()!;
		if (last.layer === layer && !lowerVersion(node, layer)) {
			// Written by this very layer over nothing: it simply never existed.
			if (last.type === 'dir' || last.type === 'symlink') this.forgetDirs();
			this.shadow(node, last, null);
			node.dropLastVersion();
			return;
		}
		this.setVersion(node, new MadeVersion(layer, 'removed', reason, last));
	}

	/** Remembers a same-layer version that is going away, when it stored bytes (duplicates are rare: a short list). */
	private shadow(node: TreeNode, version: FileVersion, by: FileVersion | null): void {
		if (version.type === 'file' && version.stored > 0) this.shadowed.push({node, version, removed: by === null || by.change === 'removed'});
	}

	/** Records `kind` in the ancestors' marks for `layer`, strongest kind wins. */
	private mark(node: TreeNode, layer: number, kind: ChangeKind): void {
		for (let a = node.parent; a; a = a.parent) {
			const last = a.lastMark();
			if (last !== NO_MARK && last >>> 2 === layer) {
				const lastKind = changeKinds[last & 3]!;
				const stronger = strongerChange(lastKind, kind)!;
				// The ancestors above have this layer's mark at least as strong already.
				if (stronger === lastKind) return;
				a.putMark(markOf(layer, stronger), true);
			} else {
				a.putMark(markOf(layer, kind), false);
			}
		}
	}

	private child(parent: TreeNode, name: string): TreeNode {
		parent.children ??= new ChildNodes();
		let node = parent.children.get(name);
		if (!node) {
			node = new TreeNode(name, parent);
			parent.children.add(node);
		}
		return node;
	}

	/**
	 * Walks to a directory ('' is the root), following symlinks (absolute ones from the
	 * image root, `..` stopping at the root, as a chroot would). With `create`, missing
	 * directories are made implicitly (0755 root:root, as extractors do).
	 */
	private resolveDir(dirPath: string, layer: number, create: boolean): TreeNode | null {
		let node = this.root;
		if (dirPath === '') return node;
		const queue = dirPath.split('/');
		let hops = 0;
		// An index, not shift(): most walks meet no symlink and just go down the components.
		for (let i = 0; i < queue.length; i++) {
			const part = queue[i]!;
			if (part === '' || part === '.') continue;
			if (part === '..') {
				node = node.parent ?? this.root;
				continue;
			}
			const child = node.children?.get(part);
			const version = child ? current(child) : null;
			if (version?.type === 'symlink') {
				if (++hops > MAX_SYMLINK_HOPS) {
					this.warn(`layer ${layer}: too many levels of symlinks under "${child!.path}"`);
					return null;
				}
				const target = version.linkTarget ?? '';
				if (target.startsWith('/')) node = this.root;
				queue.splice(0, i + 1, ...target.split('/'));
				i = -1;
				continue;
			}
			if (version?.type === 'dir') {
				node = child!;
				continue;
			}
			if (!create) return null;
			const dir = this.child(node, part);
			if (version) {
				this.warn(`layer ${layer}: "${dir.path}" is a ${version.type} but has entries below it; it becomes a directory`);
			}
			const lower = lowerVersion(dir, layer);
			this.setVersion(dir, new MadeVersion(layer, lower ? 'modified' : 'added', null, null));
			node = dir;
		}
		return node;
	}

	/**
	 * The model of layers 0 … stacked − 1 while the layers above are still being stacked (the
	 * explorer opens before the end). Versions of those layers never change again; the tree
	 * may already hold some of the next layer's, which every view of a lower layer ignores.
	 */
	soFar(sizes: number[], stacked: number): ImageModel {
		const {layers, nodeCount} = summarizeLayers(this.root, sizes, stacked);
		return {root: this.root, layerCount: sizes.length, nodeCount, layers, warnings: [...this.warnings], shadowed: [...this.shadowed]};
	}

	finish(layers: LayerEntry[][]): ImageModel {
		const sizes = layers.map(entries => entries.reduce((sum, e) => sum + e.size, 0));
		const {layers: summaries, nodeCount} = summarizeLayers(this.root, sizes);
		return {root: this.root, layerCount: layers.length, nodeCount, layers: summaries, warnings: this.droppedWarnings ? [...this.warnings, `${this.droppedWarnings.toLocaleString('en-US')} more warnings like these`] : this.warnings, shadowed: this.shadowed};
	}
}
