import {useEffect, type Dispatch} from 'react';
import {filterPending} from '../state/filter-text.js';
import type {ExplorerAction} from '../state/explorer-reducer.js';
import type {FilterState} from '../state/explorer-state.js';

/** How long typing must pause before a big tree is filtered again. */
export const filterPauseMs = 120;

/** Applies a pending filter once typing pauses, so keystrokes stay instant on huge trees. */
export function useDeferredFilter(filter: FilterState, dispatch: Dispatch<ExplorerAction>): void {
	const pending = filterPending(filter);
	useEffect(() => {
		if (!pending) return;
		const timer = setTimeout(() => dispatch({type: 'filter-apply'}), filterPauseMs);
		return () => clearTimeout(timer);
	}, [pending, filter.text, dispatch]);
}
