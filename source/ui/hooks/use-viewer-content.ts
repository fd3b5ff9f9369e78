import {useEffect, type Dispatch} from 'react';
import type {AnalyzedImage} from '../../load/analyzed-image.js';
import {oneLine} from '../../text/escape.js';
import {imageContentOf} from '../session/image-content-of.js';
import type {ExplorerAction} from '../state/explorer-reducer.js';
import {readDiffWindow} from '../viewer/diff-window.js';
import {readWindow} from '../viewer/read-window.js';
import type {ViewerState} from '../viewer/viewer-state.js';

/** Starts the read the viewer asks for and feeds the window (or the reason it failed) back into state. */
export function useViewerContent(image: AnalyzedImage, viewer: ViewerState | null, dispatch: Dispatch<Extract<ExplorerAction, {type: 'viewer-loaded' | 'viewer-failed'}>>): void {
	const request = viewer?.request ?? null;
	useEffect(() => {
		if (!viewer || !request) return;
		const {seq, from} = request;
		const content = imageContentOf(image);
		const read = viewer.diff ? readDiffWindow(content, viewer.path, viewer.diff.old, viewer.version) : readWindow(content, viewer.path, viewer.version, viewer.size, from);
		read.then(
			window => dispatch({type: 'viewer-loaded', seq, window}),
			(error: unknown) => dispatch({type: 'viewer-failed', seq, message: oneLine(error instanceof Error ? error.message : String(error))}),
		);
		// A reply to a request no longer awaited is dropped by the reducer (its seq is old).
	}, [request?.seq]);
}
