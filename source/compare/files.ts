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

function byName(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** A directory's children in the final filesystem, by name (a node no longer present has none). */
function presentChildren(node: PathNode | null, last: number): Map<string, {node: PathNode; version: FileVersion}> {
	const out = new Map<string, {node: PathNode; version: FileVersion}>();
	if (!node?.children) return out;
	for (const [name, child] of node.children) {
		const version = versionAt(child, last);
		if (version) out.set(name, {node: child, version});
	}
	return out;
}

interface Frame {
	path: string;
	names: string[];
	next: number;
	olds: Map<string, {node: PathNode; version: FileVersion}>;
	news: Map<string, {node: PathNode; version: FileVersion}>;
}

function frame(path: string, oldDir: PathNode | null, oldLast: number, newDir: PathNode | null, newLast: number): Frame {
	const olds = presentChildren(oldDir, oldLast);
	const news = presentChildren(newDir, newLast);
	const names = [...new Set([...olds.keys(), ...news.keys()])].sort(byName);
	return {path, names, next: 0, olds, news};
}

/**
 * Every path that differs between the final filesystems of two models, depth first in
 * name order. A directory is listed when it was added, removed, or its own type or
 * metadata changed — not merely because something below it did. A walk with its own
 * stack: the images decide how deep trees go.
 */
export function compareFiles(oldModel: ImageModel, newModel: ImageModel): FileDifference[] {
	const oldLast = oldModel.layerCount - 1;
	const newLast = newModel.layerCount - 1;
	const out: FileDifference[] = [];
	const stack: Frame[] = [frame('', oldLast >= 0 ? oldModel.root : null, oldLast, newLast >= 0 ? newModel.root : null, newLast)];
	while (stack.length > 0) {
		const top = stack[stack.length - 1]!;
		if (top.next === top.names.length) {
			stack.pop();
			continue;
		}
		const name = top.names[top.next++]!;
		const path = `${top.path}/${name}`;
		const a = top.olds.get(name);
		const b = top.news.get(name);
		if (a && b) {
			const content = contentDiffers(a.version, b.version);
			const metadata = metadataDiffers(a.version, b.version);
			if (content || metadata) {
				out.push({path, change: 'modified', contentChanged: content, metadataChanged: metadata, old: state(a.version), new: state(b.version)});
			}
		} else if (a) {
			out.push({path, change: 'removed', contentChanged: false, metadataChanged: false, old: state(a.version), new: null});
		} else {
			out.push({path, change: 'added', contentChanged: false, metadataChanged: false, old: null, new: state(b!.version)});
		}
		const oldDir = a?.version.type === 'dir' ? a.node : null;
		const newDir = b?.version.type === 'dir' ? b.node : null;
		if (oldDir || newDir) stack.push(frame(path, oldDir, oldLast, newDir, newLast));
	}
	return out;
}
