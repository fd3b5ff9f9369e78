import {Box, Text} from 'ink';
import React from 'react';
import type {OverlayViewProps} from '../overlay-view-props.js';
import type {PlatformsOverlay} from './platforms-state.js';

export function PlatformsView({width, rows}: OverlayViewProps<PlatformsOverlay>) {
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<Text>platforms</Text>
		</Box>
	);
}
