import {computeFilterMatches} from '../tree/filter-matches.js';
import type {TreeIndex} from '../tree/tree-index.js';
import type {FilterState} from './explorer-state.js';

/** Compiles the filter text; an invalid regex is reported and the last valid one stays applied. */
export function applyFilterText(index: TreeIndex, filter: FilterState, text: string): FilterState {
	if (text === '') return {...filter, text, matches: null, error: null};
	let regex: RegExp;
	try {
		regex = new RegExp(text);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// "Invalid regular expression: /[/: Unterminated character class" → the reason only.
		const reason = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
		return {...filter, text, error: `invalid regex: ${reason}`};
	}
	return {...filter, text, matches: computeFilterMatches(index, regex), error: null};
}
