import type {ImageContent} from '../../content/image-content.js';
import {PeelError} from '../../errors.js';
import type {FileVersion} from '../../model/types.js';
import {formatBytes} from '../../text/bytes.js';
import {DIFF_BYTE_LIMIT, DIFF_LINE_LIMIT, formatHunks, splitLines, unifiedDiff} from '../../text/unified-diff.js';
import {readWindow, type FileWindow} from './read-window.js';

const decoder = new TextDecoder('utf-8');

/**
 * Both versions of a text file read whole (up to the diff's byte limit) and their unified
 * diff as a viewer window: "--- path (layer a)", "+++ path (layer b)", then the hunks, raw
 * (the viewer escapes each line as it does a file's). Binary files and files over the
 * limits throw a one-line PeelError saying so.
 */
export async function readDiffWindow(content: ImageContent, path: string, old: FileVersion, next: FileVersion): Promise<FileWindow> {
	const sizes = `sizes ${formatBytes(old.size)} and ${formatBytes(next.size)}`;
	const biggest = Math.max(old.size, next.size);
	if (biggest > DIFF_BYTE_LIMIT) throw new PeelError(`${formatBytes(biggest)} is over the ${formatBytes(DIFF_BYTE_LIMIT)} a diff reads (${sizes}): v views each version`);
	const a = await readWindow(content, path, old, old.size, 0);
	const b = await readWindow(content, path, next, next.size, 0);
	if (a.binary || b.binary) throw new PeelError(`binary files differ (${sizes})`);
	const oldLines = splitLines(decoder.decode(a.bytes));
	const newLines = splitLines(decoder.decode(b.bytes));
	const longest = Math.max(oldLines.length, newLines.length);
	if (longest > DIFF_LINE_LIMIT) throw new PeelError(`${longest.toLocaleString('en-US')} lines is over the ${DIFF_LINE_LIMIT.toLocaleString('en-US')} a diff compares: v views each version`);
	const lines = [`--- ${path} (layer ${old.layer})`, `+++ ${path} (layer ${next.layer})`, ...formatHunks(unifiedDiff(oldLines, newLines))];
	const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
	return {binary: false, start: 0, bytes, firstLine: 0, size: bytes.length};
}
