import type {ChangeKind, FileVersion, PathNode, ViewMode} from './types.js';
import {strongerChange} from './change-kinds.js';

/** The version of `node` in effect at `layer`, including a removal; null if never written by then. */
export function latestVersion(node: PathNode, layer: number): FileVersion | null {
	if (node.latestAt) return node.latestAt(layer);
	const versions = node.versions;
	for (let i = versions.length - 1; i >= 0; i--) {
		if (versions[i]!.layer <= layer) return versions[i]!;
	}
	return null;
}

/** The path's state in the filesystem at `layer`; null if absent (never written, or removed). */
export function versionAt(node: PathNode, layer: number): FileVersion | null {
	const v = latestVersion(node, layer);
	return v && v.change !== 'removed' ? v : null;
}

/** The version written exactly by `layer`, if any. */
export function versionIn(node: PathNode, layer: number): FileVersion | null {
	for (const v of node.versions) {
		if (v.layer === layer) return v;
		if (v.layer > layer) break;
	}
	return null;
}

export {strongerChange};

function markIn(node: PathNode, layer: number): ChangeKind | null {
	for (const [l, kind] of node.marks) {
		if (l === layer) return kind;
		if (l > layer) break;
	}
	return null;
}

/**
 * How `layer` changed this path. A directory that the layer did not add or remove is
 * 'modified' when anything below it was added, modified or removed, and 'unchanged'
 * when the layer only rewrote identical things in it.
 */
export function changeInLayer(node: PathNode, layer: number): ChangeKind | null {
	const own = versionIn(node, layer);
	if (own && (own.change === 'added' || own.change === 'removed')) return own.change;
	const below = markIn(node, layer);
	if (below && below !== 'unchanged') return 'modified';
	return own?.change ?? below;
}

/** Net change of the path from layer 0 to `layer` (the aggregated view). */
export function aggregatedChange(node: PathNode, layer: number): ChangeKind | null {
	const atBase = versionAt(node, 0);
	const atLayer = versionAt(node, layer);
	if (!atLayer) {
		if (atBase) return 'removed';
		// Existed somewhere in between and is gone again.
		return node.versions.some(v => v.layer <= layer && v.change !== 'removed') ? 'removed' : null;
	}
	if (!atBase) return 'added';
	let net: ChangeKind | null = null;
	const fold = (l: number, kind: ChangeKind) => {
		if (l >= 1 && l <= layer) net = strongerChange(net, kind === 'unchanged' ? 'unchanged' : 'modified');
	};
	for (const v of node.versions) fold(v.layer, v.change);
	for (const [l, kind] of node.marks) fold(l, kind);
	return net;
}

export interface ViewState {
	/** The metadata to show: the current version, or for a removed path the last one it had. */
	version: FileVersion;
	change: ChangeKind | null;
}

/**
 * Whether and how `node` appears in a view of `layer`. Removed paths stay visible
 * (marked removed) in the layer that removed them, and in aggregated views.
 */
export function viewState(node: PathNode, layer: number, mode: ViewMode): ViewState | null {
	const current = versionAt(node, layer);
	const change = mode === 'layer' ? changeInLayer(node, layer) : aggregatedChange(node, layer);
	if (current) return {version: current, change};
	if (change !== 'removed') return null;
	const last = lastPresentVersion(node, layer);
	return last ? {version: last, change} : null;
}

function lastPresentVersion(node: PathNode, layer: number): FileVersion | null {
	let found: FileVersion | null = null;
	for (const v of node.versions) {
		if (v.layer > layer) break;
		if (v.change !== 'removed') found = v;
	}
	return found;
}

/** Children sorted by name (stable for views and exports). */
export function sortedChildren(node: PathNode): PathNode[] {
	if (!node.children) return [];
	return [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Finds a node by absolute path without following symlinks. */
export function findNode(root: PathNode, path: string): PathNode | null {
	let node: PathNode | undefined = root;
	for (const part of path.split('/')) {
		if (!part) continue;
		node = node.children?.get(part);
		if (!node) return null;
	}
	return node;
}
