import {versionAt} from '../model/query.js';
import type {FileVersion, PathNode} from '../model/types.js';

/** Linux's limit on symlinks followed in one lookup (MAXSYMLINKS). */
export const MAX_SYMLINK_HOPS = 40;

/** The root has no tar entry of its own: it is a directory in every layer. */
export const ROOT_VERSION: FileVersion = Object.freeze({
	layer: 0,
	change: 'added',
	type: 'dir',
	size: 0,
	stored: 0,
	mode: 0o755,
	uid: 0,
	gid: 0,
	hash: null,
	linkTarget: null,
	reason: null,
	implicit: true,
	linkedVersion: null,
}) as FileVersion;

export type Resolution =
	| {ok: true; node: PathNode; version: FileVersion}
	/**
	 * `at` is the image path where the walk stopped: the missing component, the
	 * non-directory that was asked to hold something, or the link that looped.
	 */
	| {ok: false; problem: 'missing' | 'not-dir' | 'loop'; at: string};

function childPath(dir: PathNode, name: string): string {
	return dir.parent ? `${dir.path}/${name}` : `/${name}`;
}

/**
 * Looks `path` up in the filesystem at `layer` as a chrooted process would: symlinks are
 * followed inside the image root (absolute ones from the root, `..` stopping at the root,
 * never the host's filesystem), at most MAX_SYMLINK_HOPS of them. The last component is
 * followed only with `followLast` or a trailing `/` (which also requires a directory).
 * Pure: the model only.
 */
export function resolvePath(root: PathNode, path: string, layer: number, followLast: boolean): Resolution {
	const mustBeDir = /\/\.?$/.test(path) && path !== '/';
	const queue = path.split('/');
	let node = root;
	let version = ROOT_VERSION;
	let hops = 0;
	for (let i = 0; i < queue.length; i++) {
		const part = queue[i]!;
		if (part === '' || part === '.') continue;
		if (part === '..') {
			node = node.parent ?? root;
			version = node === root ? ROOT_VERSION : versionAt(node, layer)!;
			continue;
		}
		const last = queue.slice(i + 1).every(rest => rest === '' || rest === '.');
		if (version.type !== 'dir') return {ok: false, problem: 'not-dir', at: node.path};
		const child = node.children?.get(part);
		const found = child ? versionAt(child, layer) : null;
		if (!child || !found) return {ok: false, problem: 'missing', at: childPath(node, part)};
		if (found.type === 'symlink' && (!last || followLast || mustBeDir)) {
			if (++hops > MAX_SYMLINK_HOPS) return {ok: false, problem: 'loop', at: child.path};
			const target = found.linkTarget ?? '';
			if (target.startsWith('/')) {
				node = root;
				version = ROOT_VERSION;
			}
			// The link's target replaces it, relative to the directory holding the link.
			queue.splice(0, i + 1, ...target.split('/'));
			i = -1;
			continue;
		}
		node = child;
		version = found;
	}
	if (mustBeDir && version.type !== 'dir') return {ok: false, problem: 'not-dir', at: node.path};
	return {ok: true, node, version};
}

/**
 * The version whose bytes a file version reads as: itself for a regular file, the inode it
 * shares for a hardlink (null for a hardlink to nothing, or anything that has no bytes).
 */
export function contentVersion(version: FileVersion): FileVersion | null {
	let v: FileVersion | null = version;
	// The model already points a link at the end of any chain; walk it anyway, bounded.
	for (let i = 0; v && v.type === 'hardlink' && i <= MAX_SYMLINK_HOPS; i++) v = v.linkedVersion;
	return v?.type === 'file' ? v : null;
}
