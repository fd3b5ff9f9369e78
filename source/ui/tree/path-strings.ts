import type {TreeIndex} from './tree-index.js';

const cache = new WeakMap<TreeIndex, string[]>();

/**
 * Every node's full path as a flat string, allocated side by side. The model's paths
 * are built by concatenation and scattered over the heap; testing a regex against these
 * copies is about five times faster on a 300k-path image. Built on first use (the filter).
 */
export function pathStrings(index: TreeIndex): string[] {
	let paths = cache.get(index);
	if (!paths) {
		paths = index.nodes.map(node => Buffer.from(node.path, 'utf8').toString('utf8'));
		cache.set(index, paths);
	}
	return paths;
}
