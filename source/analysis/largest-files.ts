import {versionAt} from '../model/query.js';
import type {ChangeKind, FileVersion, ImageModel, PathNode, RemovalReason} from '../model/types.js';
import {reasonFor} from './reclaimable.js';
import {BoundedHeap} from './top-k.js';
import type {WasteReason} from './types.js';

/** What became of a stored file version that the final filesystem does not show at its path. */
export interface HiddenBy {
	/** The layer that overwrote or removed it (its own layer for a path written twice in one layer). */
	layer: number;
	reason: WasteReason;
	/** How a removal happened (whiteout, opaque directory, …); null when overwritten. */
	removal: RemovalReason | null;
	/** A visible hardlink still shares its bytes: hidden here, but nothing to reclaim. */
	keptByLink: boolean;
}

/** One regular file as one layer stored it: a file written in layer 1 and again in layer 4 is two. */
export interface StoredFile {
	node: PathNode;
	version: FileVersion;
	layer: number;
	/** Content bytes. */
	size: number;
	change: ChangeKind;
	/** null while the final filesystem shows this very version. */
	hidden: HiddenBy | null;
	/** Bytes stored that the final filesystem cannot see (0 when visible, or kept by a hardlink). */
	reclaimable: number;
}

export type LargestOrder = 'size' | 'reclaimable';

export interface LargestOptions {
	count: number;
	order: LargestOrder;
	/** Only versions of at least this many bytes. */
	minSize?: number;
}

/**
 * The `count` largest stored versions of regular files across every layer, visible or
 * not, by size or by reclaimable bytes (then size); ties by path, then layer. Empty files
 * store nothing and are left out; hardlinks are their target's bytes, not counted again.
 * One walk over the tree into a bounded heap; a version that cannot get in costs no row. Pure.
 */
export function largestStoredFiles(model: ImageModel, options: LargestOptions): StoredFile[] {
	const minSize = Math.max(options.minSize ?? 0, 1);
	const bySizeOnly = options.order === 'size';
	const heap = new BoundedHeap<StoredFile>(options.count, bySizeOnly ? bySize : byReclaimable);
	const last = model.layerCount - 1;
	const kept = versionsKeptByLinks(model);
	/** Offers a version, skipping (without a row or a path) one that ranks after the worst kept. */
	const offer = (node: PathNode, v: FileVersion, hidden: HiddenBy | null) => {
		const worst = heap.worst();
		if (worst) {
			const reclaimable = reclaimableOf(v, hidden);
			if (bySizeOnly ? v.size < worst.size : reclaimable < worst.reclaimable || (reclaimable === worst.reclaimable && v.size < worst.size)) return;
		}
		heap.offer(row(node, v, hidden));
	};
	const stack: PathNode[] = [model.root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node.children) for (const child of node.children.values()) stack.push(child);
		const versions = node.versions;
		const visible = versionAt(node, last);
		for (let i = 0; i < versions.length; i++) {
			const v = versions[i]!;
			if (v.type !== 'file' || v.size < minSize) continue;
			if (v === visible) {
				offer(node, v, null);
				continue;
			}
			const next = versions[i + 1]!;
			const reason = reasonFor(v, next);
			offer(node, v, {layer: next.layer, reason, removal: reason === 'removed' ? next.reason : null, keptByLink: kept.has(v)});
		}
	}
	// A path written twice in one layer: the earlier copy is stored, hidden by its own layer.
	for (const {node, version, removed} of model.shadowed ?? []) {
		if (version.type !== 'file' || version.size < minSize) continue;
		const reason: WasteReason = removed ? 'removed' : 'overwritten';
		offer(node, version, {layer: version.layer, reason, removal: removed ? 'parent-removed' : null, keptByLink: kept.has(version)});
	}
	return heap.sorted();
}

function reclaimableOf(version: FileVersion, hidden: HiddenBy | null): number {
	return hidden && !hidden.keptByLink ? version.stored : 0;
}

function row(node: PathNode, version: FileVersion, hidden: HiddenBy | null): StoredFile {
	return {node, version, layer: version.layer, size: version.size, change: version.change, hidden, reclaimable: reclaimableOf(version, hidden)};
}

const keptCache = new WeakMap<ImageModel, Set<FileVersion>>();

/** File versions whose bytes a hardlink visible at the end still shares (the model never changes: worked out once). */
function versionsKeptByLinks(model: ImageModel): Set<FileVersion> {
	const cached = keptCache.get(model);
	if (cached) return cached;
	const last = model.layerCount - 1;
	const kept = new Set<FileVersion>();
	const stack: PathNode[] = [model.root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node.children) for (const child of node.children.values()) stack.push(child);
		const linked = versionAt(node, last)?.linkedVersion;
		if (linked) kept.add(linked);
	}
	keptCache.set(model, kept);
	return kept;
}

function bySize(a: StoredFile, b: StoredFile): number {
	return b.size - a.size || byPlace(a, b);
}

function byReclaimable(a: StoredFile, b: StoredFile): number {
	return b.reclaimable - a.reclaimable || bySize(a, b);
}

/** Path, then layer; in one layer, the copy it wrote first (the hidden one) first. */
function byPlace(a: StoredFile, b: StoredFile): number {
	if (a.node !== b.node) return a.node.path < b.node.path ? -1 : 1;
	return a.layer - b.layer || Number(!hiddenByOwnLayer(a)) - Number(!hiddenByOwnLayer(b));
}

function hiddenByOwnLayer(file: StoredFile): boolean {
	return file.hidden?.layer === file.layer;
}
