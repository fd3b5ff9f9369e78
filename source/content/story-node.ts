import {findNode} from '../model/query.js';
import type {PathNode} from '../model/types.js';
import {resolvePath} from './resolve-path.js';

/**
 * The node whose history `path` asks for, present or not at the end: the path as stored,
 * else its name in the directory its parent leads to at the last layer (so that `/bin/sh`
 * over `bin → usr/bin` finds `/usr/bin/sh`). The last component is never followed: a
 * symlink's story is the link's. Null when no layer ever held it. Pure.
 */
export function storyNode(root: PathNode, path: string, lastLayer: number): PathNode | null {
	const exact = findNode(root, path);
	if (exact && exact !== root && exact.versions.length > 0) return exact;
	const trimmed = path.replace(/\/+$/, '');
	const slash = trimmed.lastIndexOf('/');
	const name = trimmed.slice(slash + 1);
	if (!name || name === '.' || name === '..') return null;
	const parent = resolvePath(root, trimmed.slice(0, slash) || '/', lastLayer, true);
	if (!parent.ok || parent.version.type !== 'dir') return null;
	const node = parent.node.children?.get(name);
	return node && node.versions.length > 0 ? node : null;
}
