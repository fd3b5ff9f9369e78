import type {FileVersion} from '../model/types.js';
import type {ListedPath} from './listing.js';
import {contentVersion} from './resolve-path.js';

export type PlannedItem =
	| {kind: 'dir'; path: string; mode: number}
	/** `inode` groups the paths that are one file in the image (a file and its hardlinks). */
	| {kind: 'file'; path: string; mode: number; version: FileVersion; inode: FileVersion}
	| {kind: 'symlink'; path: string; target: string}
	| {kind: 'skipped'; path: string; type: string};

/**
 * What an extraction writes, from the paths chosen (see walkAt), in an order that never
 * writes through a link it made: directories (parents first), then files, then symlinks.
 * A path listed twice is written once; the root itself is the destination, never
 * re-created. Hardlinks to nothing are reported by the caller. Pure.
 */
export function planExtraction(paths: Iterable<ListedPath>): {items: PlannedItem[]; danglingHardlinks: string[]} {
	const seen = new Set<string>();
	const dirs: PlannedItem[] = [];
	const files: PlannedItem[] = [];
	const links: PlannedItem[] = [];
	const danglingHardlinks: string[] = [];
	for (const {path, version: v} of paths) {
		if (path === '/' || seen.has(path)) continue;
		seen.add(path);
		switch (v.type) {
			case 'dir':
				dirs.push({kind: 'dir', path, mode: v.mode});
				break;
			case 'file':
			case 'hardlink': {
				const inode = contentVersion(v);
				if (!inode) danglingHardlinks.push(path);
				else files.push({kind: 'file', path, mode: inode.mode, version: v, inode});
				break;
			}
			case 'symlink':
				links.push({kind: 'symlink', path, target: v.linkTarget ?? ''});
				break;
			default:
				links.push({kind: 'skipped', path, type: v.type ?? 'unknown'});
		}
	}
	// Walks list parents before children already; several chosen paths may interleave.
	dirs.sort((a, b) => depth(a.path) - depth(b.path));
	return {items: [...dirs, ...files, ...links], danglingHardlinks};
}

function depth(path: string): number {
	let n = 0;
	for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
	return n;
}
