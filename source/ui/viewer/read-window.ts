import type {ImageContent} from '../../content/image-content.js';
import type {FileVersion} from '../../model/types.js';
import {looksBinary, SNIFF_BYTES} from './sniff-content.js';
import {HEX_ROW} from './viewer-lines.js';

/** Files up to this size are read whole; bigger ones are read a window at a time. */
export const WHOLE_FILE_LIMIT = 4 * 1024 * 1024;
/** The window of a paged (big) file. */
export const PAGE_BYTES = 512 * 1024;

export interface FileWindow {
	binary: boolean;
	/** File offset of the first byte of `bytes`: a line start (text) or a row start (hex). */
	start: number;
	bytes: Buffer;
	/** 0-based number of the line at `start` (text). */
	firstLine: number;
	/** The file's size. */
	size: number;
}

/**
 * Reads the part of a file the viewer shows: from `from` (moved back to a hex row or on to
 * a line start) for at most `limit` bytes, the file read whole when it fits. The layer is
 * read again from the start of the entry up to the window, and the read stops there:
 * memory holds one window, never the whole file.
 */
export async function readWindow(content: ImageContent, path: string, version: FileVersion, size: number, from: number): Promise<FileWindow> {
	const limit = size <= WHOLE_FILE_LIMIT ? WHOLE_FILE_LIMIT : PAGE_BYTES;
	// Keep a few bytes before `from` to find where its line or row begins.
	const low = Math.max(0, from - HEX_ROW);
	const high = Math.min(size, from + limit);
	const head: Buffer[] = [];
	let headBytes = 0;
	const kept: Buffer[] = [];
	let newlinesBefore = 0;
	let position = 0;
	let done = false;
	try {
		await content.read([{path, version, tag: null}], async (_, bytes) => {
			for await (const chunk of bytes) {
				if (headBytes < SNIFF_BYTES) {
					head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
					headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
				}
				const end = position + chunk.length;
				if (end > low && position < high) kept.push(chunk.subarray(Math.max(0, low - position), Math.min(chunk.length, high - position)));
				else if (end <= low) newlinesBefore += countNewlines(chunk);
				if (position < low && end > low) newlinesBefore += countNewlines(chunk.subarray(0, low - position));
				position = end;
				if (position >= high && headBytes >= Math.min(size, SNIFF_BYTES)) {
					done = true;
					break;
				}
			}
		});
	} catch (error) {
		// Stopping at the window ends the read of the layer; that is not a failure.
		if (!done) throw error;
	}
	const binary = looksBinary(Buffer.concat(head), size <= SNIFF_BYTES);
	const window = Buffer.concat(kept);
	if (binary) {
		const start = from - (from % HEX_ROW);
		return {binary, start, bytes: window.subarray(start - low), firstLine: 0, size};
	}
	let skip = from - low;
	if (from > 0 && window[skip - 1] !== 10) {
		const newline = window.indexOf(10, skip);
		skip = newline < 0 ? skip : newline + 1;
	}
	newlinesBefore += countNewlines(window.subarray(0, skip));
	let bytes = window.subarray(skip);
	// A window that stops inside the file ends at its last full line (if it has one).
	if (low + skip + bytes.length < size) {
		const last = bytes.lastIndexOf(10);
		if (last >= 0) bytes = bytes.subarray(0, last + 1);
	}
	return {binary, start: low + skip, bytes, firstLine: newlinesBefore, size};
}

function countNewlines(bytes: Buffer): number {
	let n = 0;
	for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) n++;
	return n;
}
