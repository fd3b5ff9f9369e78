import {versionAt} from '../model/query.js';
import type {FileVersion, ImageModel, PathNode} from '../model/types.js';
import type {ReclaimableFigures, ReclaimableItem, WasteReason} from './types.js';

function walk(root: PathNode, visit: (node: PathNode) => void): void {
	const stack: PathNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node !== root) visit(node);
		if (node.children) for (const child of node.children.values()) stack.push(child);
	}
}

/** Why `hidden` is not visible: what `next`, the path's following version, did to it. */
export function reasonFor(hidden: FileVersion, next: FileVersion): WasteReason {
	if (next.change === 'removed') return 'removed';
	if (next.type === hidden.type && next.hash === hidden.hash) {
		return next.change === 'unchanged' ? 'rewritten-unchanged' : 'metadata-only';
	}
	return 'overwritten';
}

/**
 * Bytes stored in layers that the final filesystem cannot see: every stored copy of a
 * file except the one visible at the end (or shared by a visible hardlink), with why.
 */
export function reclaimableBytes(model: ImageModel): ReclaimableFigures {
	const last = model.layerCount - 1;
	const perLayer = Array.from({length: model.layerCount}, () => 0);
	const items: ReclaimableItem[] = [];
	// Bytes a visible hardlink still shares are not reclaimable, whatever became of the original path.
	const sharedByLinks = new Set<FileVersion>();
	// Only a path written more than once can hide bytes.
	const rewritten: PathNode[] = [];
	walk(model.root, node => {
		const v = versionAt(node, last);
		if (v?.linkedVersion) sharedByLinks.add(v.linkedVersion);
		if ((node.versionCount?.() ?? node.versions.length) > 1) rewritten.push(node);
	});
	for (const node of rewritten) {
		const visible = versionAt(node, last);
		const versions = node.versions;
		for (let i = 0; i < versions.length; i++) {
			const v = versions[i]!;
			if (v.stored === 0 || v.type !== 'file' || v === visible || sharedByLinks.has(v)) continue;
			const next = versions[i + 1]!;
			items.push({path: absolutePath(node), layer: v.layer, hiddenBy: next.layer, bytes: v.stored, reason: reasonFor(v, next)});
			perLayer[v.layer]! += v.stored;
		}
	}
	// A path written twice in one layer: the earlier copy is stored but hidden by its own layer.
	for (const {node, version, removed} of model.shadowed ?? []) {
		if (sharedByLinks.has(version)) continue;
		items.push({path: absolutePath(node), layer: version.layer, hiddenBy: version.layer, bytes: version.stored, reason: removed ? 'removed' : 'overwritten'});
		perLayer[version.layer]! += version.stored;
	}
	items.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.layer - b.layer);
	return {totalBytes: perLayer.reduce((a, b) => a + b, 0), perLayer, items};
}

/** node.path, without making every node on the way keep its path. */
function absolutePath(node: PathNode): string {
	const names: string[] = [];
	for (let n: PathNode | null = node; n && n.parent; n = n.parent) names.push(n.name);
	return '/' + names.reverse().join('/');
}
