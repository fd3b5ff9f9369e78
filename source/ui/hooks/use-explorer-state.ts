import {useReducer, type Dispatch} from 'react';
import type {ExplorerData} from '../state/explorer-data.js';
import {explorerReducer, type ExplorerAction} from '../state/explorer-reducer.js';
import {createExplorerState, type ExplorerState, type Viewport} from '../state/explorer-state.js';

/** The explorer's reducer, initialised once for the image (the viewport is kept up to date by the caller). */
export function useExplorerState(data: ExplorerData, viewport: Viewport): [ExplorerState, Dispatch<ExplorerAction>] {
	return useReducer(explorerReducer, undefined, () => createExplorerState(data, viewport));
}
