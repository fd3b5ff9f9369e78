import {versionAt} from '../model/query.js';
import type {FileVersion, ImageModel, PathNode} from '../model/types.js';
import type {FileDifference, FileState} from './types.js';

function state(v: FileVersion): FileState {
	return {type: v.type!, size: v.size, mode: v.mode, uid: v.uid, gid: v.gid, linkTarget: v.linkTarget};
}

function contentDiffers(a: FileVersion, b: FileVersion): boolean {
	return a.type !== b.type || a.hash !== b.hash || a.linkTarget !== b.linkTarget;
}

function metadataDiffers(a: FileVersion, b: FileVersion): boolean {
	return a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid;
}

/** Depth-first name order: "/a", "/a/x", "/a-b" — a "/" sorts before any other character. */
export function pathOrder(a: string, b: string): number {
	const length = Math.min(a.length, b.length);
	for (let i = 0; i < length; i++) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if (x === y) continue;
		if (x === 0x2f) return -1;
		if (y === 0x2f) return 1;
		return x - y;
	}
	return a.length - b.length;
}

interface Pair {
	path: string;
	old: PathNode | null;
	new: PathNode | null;
}

/**
 * Every path that differs between the final filesystems of two models, depth first in
 * name order. A directory is listed when it was added, removed, or its own type or
 * metadata changed — not merely because something below it did. A walk with its own
 * stack (the images decide how deep trees go), and no sorting of what is equal: most of
 * two versions of an image is.
 */
export function compareFiles(oldModel: ImageModel, newModel: ImageModel): FileDifference[] {
	const oldLast = oldModel.layerCount - 1;
	const newLast = newModel.layerCount - 1;
	const out: FileDifference[] = [];
	const stack: Pair[] = [{path: '', old: oldLast >= 0 ? oldModel.root : null, new: newLast >= 0 ? newModel.root : null}];
	// The path is built only for what is listed or walked into: most paths are equal.
	const visit = (parent: string, name: string, oldNode: PathNode | null, a: FileVersion | null, newNode: PathNode | null, b: FileVersion | null) => {
		let path: string | null = null;
		if (a && b) {
			const content = contentDiffers(a, b);
			const metadata = metadataDiffers(a, b);
			if (content || metadata) out.push({path: (path = `${parent}/${name}`), change: 'modified', contentChanged: content, metadataChanged: metadata, old: state(a), new: state(b)});
		} else if (a) {
			out.push({path: (path = `${parent}/${name}`), change: 'removed', contentChanged: false, metadataChanged: false, old: state(a), new: null});
		} else if (b) {
			out.push({path: (path = `${parent}/${name}`), change: 'added', contentChanged: false, metadataChanged: false, old: null, new: state(b)});
		}
		const oldDir = a?.type === 'dir' ? oldNode : null;
		const newDir = b?.type === 'dir' ? newNode : null;
		if (oldDir?.children || newDir?.children) stack.push({path: path ?? `${parent}/${name}`, old: oldDir, new: newDir});
	};
	while (stack.length > 0) {
		const {path, old: oldDir, new: newDir} = stack.pop()!;
		const oldChildren = oldDir?.children ?? null;
		const newChildren = newDir?.children ?? null;
		// Paths OLD has (and NEW may), then the ones only NEW has.
		for (const [name, oldChild] of oldChildren ?? []) {
			const a = versionAt(oldChild, oldLast);
			if (!a) continue;
			const newChild = newChildren?.get(name) ?? null;
			visit(path, name, oldChild, a, newChild, newChild ? versionAt(newChild, newLast) : null);
		}
		for (const [name, newChild] of newChildren ?? []) {
			const oldChild = oldChildren?.get(name);
			if (oldChild && versionAt(oldChild, oldLast)) continue;
			const b = versionAt(newChild, newLast);
			if (b) visit(path, name, null, null, newChild, b);
		}
	}
	return out.sort((x, y) => pathOrder(x.path, y.path));
}
