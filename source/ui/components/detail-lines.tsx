import {Box, Text} from 'ink';
import React from 'react';
import {labelWidth, type DetailLine} from '../details/detail-line.js';
import {oneLine} from '../../text/escape.js';
import {useTheme} from '../theme.js';

interface Props {
	lines: DetailLine[];
	width: number;
}

/** Label/value lines of a details pane, each cut to the pane width. */
export function DetailLines({lines, width}: Props) {
	const theme = useTheme();
	const labels = labelWidth(lines);
	const toneColor = {good: theme.good, warning: theme.warning, error: theme.error, muted: undefined};
	return (
		<Box flexDirection="column" width={width}>
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					<Text color={theme.label} bold={!theme.color}>
						{line.label.padEnd(labels)}
					</Text>
					<Text color={line.tone ? toneColor[line.tone] : undefined} dimColor={line.tone === 'muted'}>
						{/* Values quote the image (escaped where they are made); this keeps any slip one harmless line. */}
						{oneLine(line.value)}
					</Text>
				</Text>
			))}
		</Box>
	);
}
