import {Box, Text} from 'ink';
import React from 'react';
import {fileStory} from '../details/file-story.js';
import type {PathNode} from '../../model/types.js';
import {changeCode} from '../tree/change-code.js';
import {storyLines} from '../tree/story-lines.js';
import {escapeText} from '../../text/escape.js';
import {useTheme} from '../theme.js';

interface Props {
	node: PathNode | null;
	layer: number;
	width: number;
	rows: number;
}

/** The selected path's story: every layer that wrote or removed it (as many as fit), the viewed layer in brackets. */
export const FileStoryLine = React.memo(function FileStoryLine({node, layer, width, rows}: Props) {
	const theme = useTheme();
	if (!node) return <Box height={rows} width={width} />;
	const lines = storyLines(escapeText(node.path, 4096), fileStory(node, layer), layer, width, rows);
	return (
		<Box height={rows} width={width} flexDirection="column" overflow="hidden">
			{lines.map((pieces, i) => (
				<Text key={i} wrap="truncate-end">
					{pieces.map((piece, j) =>
						piece.kind === 'path' ? (
							<Text key={j} bold>
								{piece.text}
							</Text>
						) : piece.step ? (
							<Text key={j} color={theme.change[changeCode(piece.step.change)]} bold={piece.step.current}>
								{piece.text}
							</Text>
						) : (
							<Text key={j} dimColor={piece.kind === 'gap'}>
								{piece.text}
							</Text>
						),
					)}
				</Text>
			))}
		</Box>
	);
});
