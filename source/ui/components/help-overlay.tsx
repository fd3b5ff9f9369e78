import {Box, Text} from 'ink';
import React from 'react';
import {helpLines, type HelpLine} from '../keymap/help-lines.js';
import {useTheme} from '../theme.js';
import {PaneTitle} from './pane-title.js';

interface Props {
	width: number;
	/** Lines available below the title. */
	rows: number;
}

function Column({lines, width, keysWidth}: {lines: HelpLine[]; width: number; keysWidth: number}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" width={width}>
			{lines.map((line, i) =>
				line.kind === 'section' ? (
					<Text key={i} wrap="truncate-end" bold color={theme.label}>
						{line.text}
					</Text>
				) : line.kind === 'text' ? (
					<Text key={i} wrap="truncate-end">
						{line.text}
					</Text>
				) : (
					<Text key={i} wrap="truncate-end">
						<Text bold color={theme.accent}>
							{`  ${line.keys}`.padEnd(keysWidth)}
						</Text>
						{line.text}
					</Text>
				),
			)}
		</Box>
	);
}

/** Every key, from the keymap; two columns when one does not fit. */
export function HelpOverlay({width, rows}: Props) {
	const lines = helpLines();
	const keysWidth = Math.min(Math.max(...lines.map(line => line.keys.length)) + 4, 26);
	const columns = lines.length > rows && width >= 80 ? 2 : 1;
	const perColumn = Math.ceil(lines.length / columns);
	// Break between sections when possible so a section is not split across columns.
	let split = perColumn;
	if (columns === 2) {
		for (let i = perColumn; i > perColumn / 2; i--) {
			if (lines[i]?.kind === 'section') {
				split = i;
				break;
			}
		}
	}
	const parts = columns === 2 ? [lines.slice(0, split), lines.slice(split)] : [lines];
	const columnWidth = Math.floor(width / columns);
	return (
		<Box flexDirection="column" width={width} height={rows + 1}>
			<PaneTitle title="Help — ? or Esc closes" width={width} focused />
			<Box flexDirection="row" height={rows} overflow="hidden">
				{parts.map((part, i) => (
					<Column key={i} lines={part.slice(0, rows)} width={columnWidth} keysWidth={Math.min(keysWidth, columnWidth - 8)} />
				))}
			</Box>
		</Box>
	);
}
