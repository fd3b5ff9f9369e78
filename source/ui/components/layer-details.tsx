import {Box} from 'ink';
import React from 'react';
import {layerDetailLines} from '../details/layer-detail-lines.js';
import type {ExplorerData} from '../state/explorer-data.js';
import {DetailLines} from './detail-lines.js';
import {PaneTitle} from './pane-title.js';

interface Props {
	data: ExplorerData;
	layer: number;
	width: number;
	rows: number;
}

export const LayerDetails = React.memo(function LayerDetails({data, layer, width, rows}: Props) {
	const lines = layerDetailLines(data, layer, width, rows);
	return (
		<Box flexDirection="column" width={width} height={rows + 1}>
			<PaneTitle title={`Layer ${layer} details`} width={width} />
			<DetailLines lines={lines} width={width} />
		</Box>
	);
});
