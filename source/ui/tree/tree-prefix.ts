import type {TreeIndex} from './tree-index.js';

/** Tree glyphs in front of a node's name, e.g. "│   ├── ". Walks up the ancestors: only visible rows ask. */
export function treePrefix(index: Pick<TreeIndex, 'parent'>, lastChild: Uint8Array, i: number, collapsed: boolean): string {
	const own = (lastChild[i] ? '└─' : '├─') + (collapsed ? '⊕ ' : '─ ');
	let prefix = own;
	for (let a = index.parent[i]!; a > 0; a = index.parent[a]!) prefix = (lastChild[a] ? '    ' : '│   ') + prefix;
	return prefix;
}
