import type {FileVersion} from '../../model/types.js';
import type {FileWindow} from './read-window.js';

/** A read the viewer waits for: the window from byte `from`, then where to put the view. */
export interface WindowRequest {
	from: number;
	/** Show the window's first line, its last page, or the line holding byte `at`. */
	place: 'top' | 'bottom' | {at: number};
	/** Tells replies to old requests from the one awaited. */
	seq: number;
}

export interface ViewerSearch {
	editing: boolean;
	text: string;
	/** Lines (of the window) that match the applied text. */
	hits: number[];
	/** The hit the view is on, -1 before the first jump. */
	current: number;
	error: string | null;
}

/** The full-screen file viewer over the explorer. */
export interface ViewerState {
	path: string;
	/** The version shown; its layer wrote the bytes. */
	version: FileVersion;
	size: number;
	window: FileWindow | null;
	/** Line starts of a text window (byte offsets in window.bytes, plus the end). */
	starts: Int32Array | null;
	request: WindowRequest | null;
	error: string | null;
	/** First line shown (of the window). */
	top: number;
	wrap: boolean;
	search: ViewerSearch;
	/** A one-line note (copied, too big to copy…). */
	note: string | null;
	/** Set when the viewer shows the unified diff of `old` against `version` (same path) rather than a file. */
	diff?: {old: FileVersion};
}

export const noSearch: ViewerSearch = {editing: false, text: '', hits: [], current: -1, error: null};

let seq = 0;

export function nextRequest(from: number, place: WindowRequest['place']): WindowRequest {
	return {from, place, seq: ++seq};
}

export function openViewerState(path: string, version: FileVersion): ViewerState {
	return {
		path,
		version,
		size: version.size,
		window: null,
		starts: null,
		request: nextRequest(0, 'top'),
		error: null,
		top: 0,
		wrap: false,
		search: noSearch,
		note: null,
	};
}

/** The unified diff of two versions of `path` (old: the lower layer), read and diffed by the content hook. */
export function openDiffViewerState(path: string, old: FileVersion, version: FileVersion): ViewerState {
	return {...openViewerState(path, version), size: 0, diff: {old}};
}
