import {Box, Text} from 'ink';
import React from 'react';
import {PaneTitle} from '../../components/pane-title.js';
import {useTheme} from '../../theme.js';
import type {OverlayViewProps} from '../overlay-view-props.js';
import {inspectContent} from './inspect-content.js';
import type {InspectOverlay} from './inspect-state.js';

/** `i`: the config as `docker inspect` shows it, the identity chain and the platform; it scrolls, nothing is cut. */
export function InspectView({state, overlay, width, rows}: OverlayViewProps<InspectOverlay>) {
	const theme = useTheme();
	const lines = inspectContent(state.data.image.handle, width);
	const textRows = Math.max(rows - 1, 1);
	const scroll = Math.min(overlay.scroll, Math.max(lines.length - textRows, 0));
	const shown = lines.slice(scroll, scroll + textRows);
	const position = lines.length > textRows ? `lines ${scroll + 1}–${scroll + shown.length} of ${lines.length}` : `${lines.length} lines`;
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<PaneTitle title="Inspect — config, identity, platform" width={width} focused info={position} />
			{shown.map((line, i) =>
				line.kind === 'section' ? (
					<Text key={i} wrap="truncate-end" bold color={theme.label}>
						{line.text}
					</Text>
				) : (
					<Text key={i} wrap="truncate-end">
						<Text color={theme.label}>{line.label}</Text>
						<Text dimColor={line.muted}>{line.text || ' '}</Text>
					</Text>
				),
			)}
		</Box>
	);
}
