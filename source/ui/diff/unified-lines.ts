import {escapeText} from '../../text/escape.js';
import {DIFF_LINE_LIMIT, formatHunks, splitLines, unifiedDiff} from '../../text/unified-diff.js';
import {expandTabs} from '../viewer/viewer-lines.js';
import type {UnifiedLine} from './unified-view.js';

const decoder = new TextDecoder('utf-8');
/** A display line can be this long before it is cut (the screen shows less anyway). */
const LINE_MAX = 4096;

const kinds: Record<string, UnifiedLine['kind']> = {'@': 'hunk', '-': 'removed', '+': 'added'};

/** The display lines of the unified diff of two texts, escaped as the viewer escapes a file; a string when they are too long to diff. */
export function unifiedLines(oldBytes: Buffer, newBytes: Buffer): UnifiedLine[] | string {
	const a = splitLines(decoder.decode(oldBytes));
	const b = splitLines(decoder.decode(newBytes));
	const longest = Math.max(a.length, b.length);
	if (longest > DIFF_LINE_LIMIT) return `${longest.toLocaleString('en-US')} lines is over the ${DIFF_LINE_LIMIT.toLocaleString('en-US')} a diff compares: v and V show each version`;
	// Lines from the files start with ' ', '-' or '+' and are escaped; '\\ No newline…' is the formatter's own note.
	const lines = formatHunks(unifiedDiff(a, b)).map(line => ({kind: kinds[line[0]!] ?? 'context', text: line.startsWith('\\') ? line : escapeText(expandTabs(line), LINE_MAX)}));
	return lines.length > 0 ? lines : [{kind: 'context', text: 'the two texts are the same once decoded'}];
}
