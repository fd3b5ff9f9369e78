import {ReadStream} from 'node:fs';
import type {Readable} from 'node:stream';

/** A byte range of a local file (end inclusive, as fs streams have it). */
export interface LocalFile {
	path: string;
	start: number;
	end: number;
}

/**
 * The file range a blob stream would read, when it is a plain file stream nobody has read
 * from yet: a layer worker can then read the file itself, and the bytes never pass
 * through this thread.
 */
export function localFileOf(blob: Readable): LocalFile | null {
	if (!(blob instanceof ReadStream)) return null;
	const stream = blob as ReadStream & {start?: number; end?: number};
	if (typeof stream.path !== 'string' || stream.bytesRead > 0 || stream.readableFlowing !== null || stream.readableLength > 0) return null;
	if (stream.listenerCount('data') > 0 || stream.listenerCount('readable') > 0) return null;
	return {path: stream.path, start: stream.start ?? 0, end: stream.end ?? Infinity};
}
