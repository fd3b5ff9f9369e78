import {Box, Text} from 'ink';
import React from 'react';
import type {OverlayViewProps} from '../overlay-view-props.js';
import type {InspectOverlay} from './inspect-state.js';

export function InspectView({width, rows}: OverlayViewProps<InspectOverlay>) {
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<Text>inspect</Text>
		</Box>
	);
}
