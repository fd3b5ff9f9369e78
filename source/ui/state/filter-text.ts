import {computeFilterMatches} from '../tree/filter-matches.js';
import type {TreeIndex} from '../tree/tree-index.js';
import type {FilterState} from './explorer-state.js';

/** Above this many paths, typing only updates the text; the tree follows when typing pauses. */
export const deferFilterAbove = 50_000;

/** Sets the text; applies it now unless `defer`, in which case it stays pending (see applyPendingFilter). */
export function updateFilterText(index: TreeIndex, filter: FilterState, text: string, defer: boolean): FilterState {
	if (defer && text !== '') return {...filter, text};
	return compileFilter(index, {...filter, text});
}

/** Compiles the text; an invalid regex is reported and the last valid one stays applied. */
export function compileFilter(index: TreeIndex, filter: FilterState): FilterState {
	const {text} = filter;
	if (text === '') return {...filter, applied: '', matches: null, error: null};
	let regex: RegExp;
	try {
		regex = new RegExp(text);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// "Invalid regular expression: /[/: Unterminated character class" → the reason only.
		const reason = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
		return {...filter, applied: text, error: `invalid regex: ${reason}`};
	}
	return {...filter, applied: text, matches: computeFilterMatches(index, regex), error: null};
}

export function filterPending(filter: FilterState): boolean {
	return filter.text !== filter.applied;
}
