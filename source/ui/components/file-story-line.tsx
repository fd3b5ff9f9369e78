import {Box, Text} from 'ink';
import React from 'react';
import {fileStory} from '../details/file-story.js';
import type {PathNode} from '../../model/types.js';
import {changeCode} from '../tree/change-code.js';
import {escapeText} from '../../text/escape.js';
import {useTheme} from '../theme.js';

interface Props {
	node: PathNode | null;
	layer: number;
	width: number;
	rows: number;
}

/** The selected path's story: every layer that wrote or removed it, the viewed layer in brackets. */
export const FileStoryLine = React.memo(function FileStoryLine({node, layer, width, rows}: Props) {
	const theme = useTheme();
	if (!node) return <Box height={rows} width={width} />;
	const steps = fileStory(node, layer);
	return (
		<Box height={rows} width={width} overflow="hidden">
			<Text wrap={rows > 1 ? 'wrap' : 'truncate-end'}>
				<Text bold>{escapeText(node.path, 4096)}: </Text>
				{steps.map((step, i) => (
					<Text key={i} color={theme.change[changeCode(step.change)]} bold={step.current}>
						{i > 0 ? ' · ' : ''}
						{step.current ? `[${step.text}]` : step.text}
					</Text>
				))}
			</Text>
		</Box>
	);
});
