import {hasRegexSyntax, isPlainAscii, nameCandidates, namesTextReady} from './names-text.js';
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

/** Text with no regex syntax: as a regex it matches wherever the text occurs, case ignored. */
const literal = (text: string) => text !== '' && !hasRegexSyntax(text);

/** What an earlier find matched: typing on extends its text. */
export interface EarlierFind {
	text: string;
	matches: Int32Array;
}

/**
 * The nodes whose name (or path) matches, in tree order: one pass over the index per query.
 * Typing a literal text on (`lib` after `li`) can only drop matches (a name holding `lib`
 * holds `li`), so then only the earlier matches are tested: on a 440k-path image the first
 * key's ~30 ms pass is not repeated for every key after it.
 */
export function findMatches(index: TreeIndex, text: string, earlier?: EarlierFind): Int32Array {
	const {regex, onPath} = findPattern(text);
	const narrows = earlier !== undefined && literal(text) && literal(earlier.text) && text.startsWith(earlier.text) && earlier.text.includes('/') === onPath;
	const found: number[] = [];
	// A plain ASCII text on names, once the names text is built: its hits are the only candidates.
	const candidates = narrows ? earlier.matches : !onPath && isPlainAscii(text) && namesTextReady(index) ? nameCandidates(index, text.toLowerCase()) : null;
	const paths = onPath ? pathStrings(index) : null;
	const test = (i: number) => regex.test(paths ? paths[i]! : index.nodes[i]!.name);
	if (candidates) {
		for (const i of candidates) if (test(i)) found.push(i);
	} else {
		for (let i = 1; i < index.size; i++) if (test(i)) found.push(i);
	}
	return Int32Array.from(found);
}
