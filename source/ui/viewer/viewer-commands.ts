import type {Command} from '../keymap/commands.js';
import {moveDelta} from '../state/list-cursor.js';
import {PAGE_BYTES, type FileWindow} from './read-window.js';
import {HEX_ROW, hexRows, lineStarts, rawLine} from './viewer-lines.js';
import {nextRequest, noSearch, type ViewerState, type WindowRequest} from './viewer-state.js';

/** Lines in the loaded window. */
export function lineCount(v: ViewerState): number {
	if (!v.window) return 0;
	return v.window.binary ? hexRows(v.window.bytes) : v.starts!.length - 1;
}

/** File offset where line `i` of the window starts. */
function byteOf(v: ViewerState, i: number): number {
	const w = v.window!;
	return w.binary ? w.start + i * HEX_ROW : w.start + v.starts![i]!;
}

/** The window's line holding file offset `at`. */
function lineOf(v: ViewerState, at: number): number {
	const w = v.window!;
	const offset = at - w.start;
	if (w.binary) return Math.floor(offset / HEX_ROW);
	const starts = v.starts!;
	let low = 0;
	let high = starts.length - 2;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (starts[mid]! <= offset) low = mid;
		else high = mid - 1;
	}
	return Math.max(low, 0);
}

const windowEnd = (w: FileWindow) => w.start + w.bytes.length;

function request(v: ViewerState, from: number, place: WindowRequest['place']): ViewerState {
	return {...v, request: nextRequest(Math.max(0, from), place)};
}

/** ↑↓ PgUp PgDn Home End, reading the next window of a big file when the view leaves this one. */
export function scrollViewer(v: ViewerState, command: Command, rows: number): ViewerState {
	if (!v.window || v.request) return v;
	const count = lineCount(v);
	const w = v.window;
	if (command === 'move-first') return w.start > 0 ? request(v, 0, 'top') : {...v, top: 0};
	if (command === 'move-last') return windowEnd(w) < v.size ? request(v, v.size - PAGE_BYTES, 'bottom') : {...v, top: Math.max(0, count - rows)};
	const top = v.top + moveDelta(command, rows, count, v.top);
	if (top > count - rows && windowEnd(w) < v.size) return request(v, byteOf(v, Math.min(v.top, count - 1)), {at: byteOf(v, Math.min(v.top, count - 1))});
	if (top < 0 && w.start > 0) return request(v, w.start - PAGE_BYTES / 2, {at: w.start - 1});
	return {...v, top: Math.min(Math.max(top, 0), Math.max(count - rows, 0))};
}

/** A window arrived: shown if it is the one awaited. */
export function windowLoaded(v: ViewerState, seq: number, window: FileWindow, rows: number): ViewerState {
	if (!v.request || v.request.seq !== seq) return v;
	const place = v.request.place;
	// A diff's size is known once it is made.
	const next: ViewerState = {...v, size: window.size, window, starts: window.binary ? null : lineStarts(window.bytes), request: null, error: null, search: {...v.search, hits: [], current: -1}};
	const count = lineCount(next);
	const last = Math.max(count - rows, 0);
	const top = place === 'top' ? 0 : place === 'bottom' ? last : Math.min(lineOf(next, place.at), last);
	return v.search.text ? findHits({...next, top}) : {...next, top};
}

export function windowFailed(v: ViewerState, seq: number, message: string): ViewerState {
	if (!v.request || v.request.seq !== seq) return v;
	return {...v, request: null, error: message};
}

/** The lines of the window that contain the search text (case-insensitive). */
function findHits(v: ViewerState): ViewerState {
	const needle = v.search.text.toLowerCase();
	const hits: number[] = [];
	if (needle && v.window) {
		const count = lineCount(v);
		for (let i = 0; i < count; i++) {
			const text = v.window.binary ? asciiRow(v.window.bytes, i) : rawLine(v.window.bytes, v.starts!, i);
			if (text.toLowerCase().includes(needle)) hits.push(i);
		}
	}
	return {...v, search: {...v.search, hits, current: -1}};
}

function asciiRow(bytes: Buffer, i: number): string {
	return bytes.subarray(i * HEX_ROW, (i + 1) * HEX_ROW).toString('latin1');
}

export function openSearch(v: ViewerState): ViewerState {
	return {...v, search: {...noSearch, editing: true}};
}

export function typeSearch(v: ViewerState, text: string): ViewerState {
	return {...v, search: {...v.search, text}};
}

/** Enter: find the lines, jump to the first at or below the view. */
export function acceptSearch(v: ViewerState, rows: number): ViewerState {
	const found = findHits({...v, search: {...v.search, editing: false}});
	return jump(found, 1, rows);
}

export function cancelSearch(v: ViewerState): ViewerState {
	return {...v, search: noSearch};
}

/** n / N: the next or previous matching line, wrapping around the window. */
export function jump(v: ViewerState, direction: 1 | -1, rows: number): ViewerState {
	const {hits} = v.search;
	if (hits.length === 0) return {...v, note: v.search.text ? `no line holds "${v.search.text}"${v.window && lineCount(v) > 0 && v.size > windowEnd(v.window) ? ' in this part of the file' : ''}` : null};
	let current: number;
	if (v.search.current < 0) {
		const at = hits.findIndex(line => line >= v.top);
		current = direction === 1 ? (at < 0 ? 0 : at) : (at <= 0 ? hits.length - 1 : at - 1);
	} else current = (v.search.current + direction + hits.length) % hits.length;
	const line = hits[current]!;
	const count = lineCount(v);
	const top = line >= v.top && line < v.top + rows ? v.top : Math.min(Math.max(line - Math.floor(rows / 3), 0), Math.max(count - rows, 0));
	return {...v, top, note: null, search: {...v.search, current}};
}

/**
 * The viewer's own keys on its state — scrolling, wrap, the search line (`command` null:
 * text typed into it). Null for what its host decides: closing, copying, anything else.
 */
export function viewerStep(v: ViewerState, command: Command | null, text: string, rows: number): ViewerState | null {
	if (command === null) return typeSearch(v, v.search.text + text);
	switch (command) {
		case 'move-up':
		case 'move-down':
		case 'page-up':
		case 'page-down':
		case 'move-first':
		case 'move-last':
			return scrollViewer(v, command, rows);
		case 'toggle-wrap':
			return {...v, wrap: !v.wrap};
		case 'open-search':
			return openSearch(v);
		case 'search-accept':
			return acceptSearch(v, rows);
		case 'search-cancel':
			return cancelSearch(v);
		case 'search-backspace':
			return typeSearch(v, v.search.text.slice(0, -1));
		case 'search-next':
			return jump(v, 1, rows);
		case 'search-previous':
			return jump(v, -1, rows);
		default:
			return null;
	}
}
