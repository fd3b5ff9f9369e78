import {Box, Text} from 'ink';
import React from 'react';
import type {OverlayViewProps} from '../overlay-view-props.js';
import type {ExplainOverlay} from './explain-state.js';

export function ExplainView({width, rows}: OverlayViewProps<ExplainOverlay>) {
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<Text>explain</Text>
		</Box>
	);
}
