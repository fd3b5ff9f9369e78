import {pathStrings} from './path-strings.js';
import type {TreeIndex} from './tree-index.js';

/** Per node, 1 when the full path matches: computed once per filter text, reused across layers. */
export function computeFilterMatches(index: TreeIndex, regex: RegExp): Uint8Array {
	const matches = new Uint8Array(index.size);
	const paths = pathStrings(index);
	for (let i = 1; i < index.size; i++) if (regex.test(paths[i]!)) matches[i] = 1;
	return matches;
}
