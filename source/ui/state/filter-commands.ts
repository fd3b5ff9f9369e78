import {closedFilter, type ExplorerState, type FilterState} from './explorer-state.js';
import {compileFilter, deferFilterAbove, filterPending, updateFilterText} from './filter-text.js';
import {rebuildTree} from './rebuild-tree.js';

function withFilter(state: ExplorerState, filter: FilterState): ExplorerState {
	if (filter.matches === state.filter.matches) return {...state, filter};
	return rebuildTree(state, {...state, filter}, 'shown');
}

/** New filter text: applied at once, or left pending while typing into a big tree. */
export function setFilterText(state: ExplorerState, text: string): ExplorerState {
	const {index} = state.data;
	return withFilter(state, updateFilterText(index, state.filter, text, index.size > deferFilterAbove));
}

/** Applies the text typed so far, if the tree does not reflect it yet. */
export function applyPendingFilter(state: ExplorerState): ExplorerState {
	return filterPending(state.filter) ? withFilter(state, compileFilter(state.data.index, state.filter)) : state;
}

/** Enter: keep the filter, give the keyboard to the tree. */
export function acceptFilter(state: ExplorerState): ExplorerState {
	const applied = applyPendingFilter(state);
	return {...applied, focus: 'tree', filter: {...applied.filter, editing: false}};
}

/** Esc: no filter at all. */
export function cancelFilter(state: ExplorerState): ExplorerState {
	return rebuildTree(state, {...state, filter: closedFilter}, 'shown');
}
