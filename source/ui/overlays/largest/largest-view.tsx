import {Box, Text} from 'ink';
import React from 'react';
import type {OverlayViewProps} from '../overlay-view-props.js';
import type {LargestOverlay} from './largest-state.js';

export function LargestView({width, rows}: OverlayViewProps<LargestOverlay>) {
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<Text>largest</Text>
		</Box>
	);
}
