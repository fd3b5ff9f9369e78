import {Box, Text} from 'ink';
import React from 'react';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import {useTheme} from '../theme.js';
import {ChangeCode} from '../tree/change-code.js';
import type {UnifiedView} from './unified-view.js';

/** The unified diff full screen: title, the hunks (− OLD's lines, + NEW's, context), a status line. */
export function UnifiedViewer({view, width, rows}: {view: UnifiedView; width: number; rows: number}) {
	const theme = useTheme();
	const colors = {hunk: theme.label, context: undefined, removed: theme.change[ChangeCode.Removed], added: theme.change[ChangeCode.Added]};
	const lines = view.lines?.slice(view.top, view.top + rows) ?? [];
	const title = `${escapeText(view.path, 1000)}  OLD ${formatBytes(view.oldFile.version.size)} → NEW ${formatBytes(view.newFile.version.size)}  unified diff`;
	const count = view.lines?.length ?? 0;
	const status = view.error ?? (view.lines ? `lines ${Math.min(view.top + 1, count)}–${Math.min(view.top + rows, count)} of ${count}` : 'reading both versions…');
	return (
		<Box flexDirection="column" width={width} height={rows + 2}>
			<Text wrap="truncate-end" bold color={theme.focus}>
				{title}
			</Text>
			<Box flexDirection="column" height={rows}>
				{lines.map((line, i) => (
					<Text key={view.top + i} wrap="truncate-end" color={colors[line.kind]} bold={line.kind === 'hunk'}>
						{line.text}
					</Text>
				))}
			</Box>
			<Text wrap="truncate-end" color={view.error ? theme.error : undefined} dimColor={!view.error}>
				{status}
			</Text>
		</Box>
	);
}
