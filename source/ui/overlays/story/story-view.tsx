import {Box, Text} from 'ink';
import React from 'react';
import type {OverlayViewProps} from '../overlay-view-props.js';
import type {StoryOverlay} from './story-state.js';

export function StoryView({width, rows}: OverlayViewProps<StoryOverlay>) {
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<Text>story</Text>
		</Box>
	);
}
