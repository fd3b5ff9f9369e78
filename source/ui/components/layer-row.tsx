import {Box, Text} from 'ink';
import React from 'react';

interface RowProps {
	/** Cursor and aggregation marks: kept apart from `text`, which is usually plain ASCII (cheaper for Ink to measure). */
	marks: string;
	text: string;
	selected: boolean;
	inverse: boolean;
	step: boolean;
	width: number;
}

/** One line of the Layers pane. */
export const LayerRow = React.memo(function LayerRow({marks, text, selected, inverse, step, width}: RowProps) {
	const rest = Math.max(width - marks.length, 0);
	return (
		<Box width={width} height={1}>
			<Text inverse={inverse} bold={selected}>
				{marks}
			</Text>
			<Box width={rest}>
				<Text wrap="truncate-end" inverse={inverse} bold={selected} dimColor={step}>
					{inverse ? text.padEnd(rest) : text}
				</Text>
			</Box>
		</Box>
	);
});
