import {useEffect, type Dispatch} from 'react';
import type {ExplorerAction} from '../state/explorer-reducer.js';
import type {Viewport} from '../state/explorer-state.js';

/** Tells the reducer how many rows each pane shows, so paging and scrolling fit the screen. */
export function useViewportSync(dispatch: Dispatch<ExplorerAction>, viewport: Viewport): void {
	const {layerRows, treeRows, viewerRows, columns} = viewport;
	useEffect(() => {
		dispatch({type: 'viewport', viewport: {layerRows, treeRows, viewerRows, columns}});
	}, [dispatch, layerRows, treeRows, viewerRows, columns]);
}
