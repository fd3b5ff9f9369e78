import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {helpRows, type HelpLine} from '../keymap/help-lines.js';
import {scrollPosition} from '../state/text-scroll.js';
import {useTheme} from '../theme.js';
import {PaneTitle} from './pane-title.js';

interface Props {
	width: number;
	/** Lines available below the title. */
	rows: number;
	/** First line shown (the reducer keeps it within the help). */
	scroll?: number;
	/** Another command's help (peel diff's); the explorer's by default. */
	lines?: HelpLine[];
}

/** Every key, from the keymap, then the legend; one column that scrolls (↑↓ PgUp PgDn Home End). */
export function HelpOverlay({width, rows, scroll = 0, lines: content}: Props) {
	const theme = useTheme();
	const lines = useMemo(() => helpRows(width, content), [width, content]);
	const top = Math.min(Math.max(scroll, 0), Math.max(lines.length - rows, 0));
	return (
		<Box flexDirection="column" width={width} height={rows + 1}>
			<PaneTitle title="Help — ↑↓ PgUp PgDn scroll, Esc closes" width={width} focused info={scrollPosition(top, rows, lines.length)} />
			<Box flexDirection="column" height={rows} overflow="hidden">
				{lines.slice(top, top + rows).map((line, i) =>
					line.section ? (
						<Text key={top + i} wrap="truncate-end" bold color={theme.label}>
							{line.text}
						</Text>
					) : (
						<Text key={top + i} wrap="truncate-end">
							<Text bold color={theme.accent}>
								{line.keys}
							</Text>
							{line.text}
						</Text>
					),
				)}
			</Box>
		</Box>
	);
}
