import {pathStrings} from './path-strings.js';
import type {TreeIndex} from './tree-index.js';

/**
 * The text a find looks for, as a case-insensitive regex: the text as a regex when it is
 * one, else literally. It applies to names, or to full paths when it holds a `/`.
 */
export function findPattern(text: string): {regex: RegExp; onPath: boolean} {
	let regex: RegExp;
	try {
		regex = new RegExp(text, 'i');
	} catch {
		regex = new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i');
	}
	return {regex, onPath: text.includes('/')};
}

/** The nodes whose name (or path) matches, in tree order: one pass over the index per query. */
export function findMatches(index: TreeIndex, text: string): Int32Array {
	const {regex, onPath} = findPattern(text);
	const found: number[] = [];
	if (onPath) {
		const paths = pathStrings(index);
		for (let i = 1; i < index.size; i++) if (regex.test(paths[i]!)) found.push(i);
	} else {
		const {nodes} = index;
		for (let i = 1; i < index.size; i++) if (regex.test(nodes[i]!.name)) found.push(i);
	}
	return Int32Array.from(found);
}
