import {useEffect, type Dispatch} from 'react';
import type {AnalyzedImage} from '../../load/analyzed-image.js';
import {oneLine} from '../../text/escape.js';
import {imageContentOf} from '../session/image-content-of.js';
import {readWindow} from '../viewer/read-window.js';
import type {DiffAction} from './diff-reducer.js';
import {unifiedLines} from './unified-lines.js';
import type {UnifiedView} from './unified-view.js';

const messageOf = (error: unknown) => oneLine(error instanceof Error ? error.message : String(error));

/** Reads both versions the unified diff asks for (whole: openUnified bounds their size), diffs them and feeds the lines back. */
export function useUnifiedContent(oldImage: AnalyzedImage, newImage: AnalyzedImage, view: UnifiedView | null, dispatch: Dispatch<DiffAction>): void {
	useEffect(() => {
		if (!view || view.lines || view.error) return;
		const {seq, oldFile, newFile} = view;
		const read = (image: AnalyzedImage, file: typeof oldFile) => readWindow(imageContentOf(image), file.path, file.version, file.version.size, 0);
		Promise.all([read(oldImage, oldFile), read(newImage, newFile)]).then(
			([a, b]) => {
				if (a.binary || b.binary) return dispatch({type: 'unified-failed', seq, message: `${a.binary ? 'OLD' : 'NEW'}'s version is binary: v and V show each as hex`});
				const lines = unifiedLines(a.bytes, b.bytes);
				dispatch(typeof lines === 'string' ? {type: 'unified-failed', seq, message: lines} : {type: 'unified-loaded', seq, lines});
			},
			(error: unknown) => dispatch({type: 'unified-failed', seq, message: messageOf(error)}),
		);
	}, [view?.seq]);
}
