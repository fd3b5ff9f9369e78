import {Box, Text} from 'ink';
import React from 'react';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import {formatMode} from '../format/mode.js';
import {lineCount} from '../viewer/viewer-commands.js';
import {hexLine, textLine, wrapLine} from '../viewer/viewer-lines.js';
import type {ViewerState} from '../viewer/viewer-state.js';
import {useTheme, type Theme} from '../theme.js';
import {changeKindFacts} from '../../model/change-kinds.js';

interface Props {
	viewer: ViewerState;
	width: number;
	/** Text lines; a title line above and a status line below. */
	rows: number;
}

/** The display rows from line `top` on: numbered text lines (cut or wrapped) or hex rows. */
function displayRows(v: ViewerState, width: number, rows: number): Array<{number: string; text: string; hit: boolean; mark?: string}> {
	const w = v.window!;
	const count = lineCount(v);
	const out: Array<{number: string; text: string; hit: boolean; mark?: string}> = [];
	const current = v.search.current >= 0 ? v.search.hits[v.search.current] : -1;
	if (w.binary) {
		for (let i = v.top; i < count && out.length < rows; i++) out.push({number: '', text: hexLine(w.bytes, w.start, i), hit: i === current});
		return out;
	}
	// A diff's lines are numbered by its @@ headers, not by the viewer.
	const numberWidth = v.diff ? 0 : String(w.firstLine + count).length;
	const textWidth = Math.max(width - numberWidth - 1, 1);
	for (let i = v.top; i < count && out.length < rows; i++) {
		const line = textLine(w.bytes, v.starts!, i);
		const parts = v.wrap ? wrapLine(line, textWidth) : [line];
		const mark = v.diff ? String.fromCharCode(w.bytes[v.starts![i]!] ?? 32) : undefined;
		parts.forEach((text, p) => {
			if (out.length < rows) out.push({number: v.diff ? '' : p === 0 ? String(w.firstLine + i + 1).padStart(numberWidth) : ' '.repeat(numberWidth), text, hit: i === current, mark});
		});
	}
	return out;
}

function statusText(v: ViewerState, rows: number): string {
	if (v.search.editing) return `/${v.search.text}▏`;
	if (v.note) return v.note;
	if (v.error) return v.error;
	if (v.diff && (!v.window || v.request)) return `reading layers ${v.diff.old.layer} and ${v.version.layer}, diffing…`;
	if (!v.window || v.request) return `reading ${formatBytes(v.size)} from layer ${v.version.layer}…`;
	const w = v.window;
	const count = lineCount(v);
	const paged = w.start > 0 || w.start + w.bytes.length < v.size;
	const kind = w.binary ? 'hex' : 'text';
	const last = Math.min(v.top + rows, count);
	const where = w.binary
		? `bytes ${(w.start + v.top * 16).toLocaleString('en-US')}–${Math.min(w.start + last * 16, v.size).toLocaleString('en-US')} of ${v.size.toLocaleString('en-US')}`
		: `lines ${(w.firstLine + v.top + 1).toLocaleString('en-US')}–${(w.firstLine + last).toLocaleString('en-US')}${paged ? '' : ` of ${count.toLocaleString('en-US')}`}`;
	const search = v.search.text ? `  "${escapeText(v.search.text, 40)}" ${v.search.current + 1}/${v.search.hits.length}` : '';
	return `${kind}  ${where}${paged ? `  (paged: ${formatBytes(w.bytes.length)} window at byte ${w.start.toLocaleString('en-US')})` : ''}${v.wrap ? '  wrap' : ''}${search}`;
}

/** A diff line's colour by its first character: the change colours for - and +, the label's for @@ headers. */
function diffColor(theme: Theme, mark: string | undefined): string | undefined {
	if (mark === '+') return theme.change[changeKindFacts.added.code];
	if (mark === '-') return theme.change[changeKindFacts.removed.code];
	if (mark === '@') return theme.label;
	return undefined;
}

/** The file viewer: title with path, layer, size, mode and hash; the file's lines; a status line. */
export function FileViewer({viewer: v, width, rows}: Props) {
	const theme = useTheme();
	const version = v.version;
	const hash = version.hash ?? version.linkedVersion?.hash ?? '';
	const title = v.diff
		? `diff ${escapeText(v.path, 1000)}  layer ${v.diff.old.layer} → layer ${version.layer}  ${formatBytes(v.diff.old.size)} → ${formatBytes(version.size)}`
		: `${escapeText(v.path, 1000)}  layer ${version.layer}  ${formatBytes(v.size)}  ${formatMode(version.type, version.mode)}${hash ? `  hash ${escapeText(hash, 80)}` : ''}`;
	const lines = v.window ? displayRows(v, width, rows) : [];
	return (
		<Box flexDirection="column" width={width} height={rows + 2}>
			<Text wrap="truncate-end" bold color={theme.focus}>
				{title}
			</Text>
			<Box flexDirection="column" height={rows}>
				{lines.map((line, i) => (
					<Text key={i} wrap="truncate-end" inverse={line.hit} color={diffColor(theme, line.mark)} bold={line.mark === '@'}>
						{line.number ? <Text dimColor>{line.number} </Text> : null}
						{line.text}
					</Text>
				))}
			</Box>
			<Text wrap="truncate-end" color={v.error ? theme.error : undefined} dimColor={!v.error && !v.search.editing}>
				{statusText(v, rows)}
			</Text>
		</Box>
	);
}
