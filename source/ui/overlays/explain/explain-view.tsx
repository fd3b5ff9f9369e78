import {Box, Text} from 'ink';
import React from 'react';
import {escapeText} from '../../../text/escape.js';
import {PaneTitle} from '../../components/pane-title.js';
import {scrollPosition} from '../../state/text-scroll.js';
import {useTheme} from '../../theme.js';
import {changeCode} from '../../tree/change-code.js';
import type {OverlayViewProps} from '../overlay-view-props.js';
import {explainLines} from './explain-lines.js';
import type {ExplainOverlay} from './explain-state.js';

function titleOf(overlay: ExplainOverlay): string {
	const {subject} = overlay;
	if (subject.path === null) return `Explain layer ${subject.layer} and the image`;
	const view = subject.mode === 'aggregated' ? `layers 0–${subject.layer}` : `layer ${subject.layer}`;
	return `Explain ${escapeText(subject.path, 200)} at ${view}`;
}

/** The sentences, wrapped at the width, from the scroll position; the colour word in the tree's colour. */
export function ExplainView({overlay, width, rows}: OverlayViewProps<ExplainOverlay>) {
	const theme = useTheme();
	const textRows = Math.max(rows - 1, 1);
	const lines = explainLines(overlay.sections, Math.max(width - 1, 10));
	const scroll = Math.min(overlay.scroll, Math.max(lines.length - textRows, 0));
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<PaneTitle title={titleOf(overlay)} width={width} focused info={scrollPosition(scroll, textRows, lines.length)} />
			{lines.slice(scroll, scroll + textRows).map((line, i) => (
				<Text key={scroll + i} wrap="truncate-end" bold={line.heading} color={line.heading ? theme.label : undefined}>
					{line.colour ? (
						<Text bold color={theme.change[changeCode(line.colour)]}>
							{line.text.slice(0, line.lead)}
						</Text>
					) : null}
					{line.text.slice(line.lead)}
				</Text>
			))}
		</Box>
	);
}
