import {Box, Text} from 'ink';
import React from 'react';
import {imageDetailLines, imageDetailsPlan} from '../details/image-detail-lines.js';
import {worstFileRows} from '../details/worst-files.js';
import type {ExplorerData} from '../state/explorer-data.js';
import {DetailLines} from './detail-lines.js';
import {PaneTitle} from './pane-title.js';
import {WorstFilesTable} from './worst-files-table.js';

interface Props {
	data: ExplorerData;
	width: number;
	rows: number;
}

/** Image details: identity, dive's figures, peel's reclaimable bytes, then the worst files. */
export const ImageDetails = React.memo(function ImageDetails({data, width, rows}: Props) {
	const items = data.image.analysis.reclaimable.items;
	const plan = imageDetailsPlan(imageDetailLines(data), items.length, rows);
	return (
		<Box flexDirection="column" width={width} height={rows + 1}>
			<PaneTitle title="Image details" width={width} />
			<DetailLines lines={plan.lines} width={width} />
			{plan.tableRows >= 2 && items.length > 0 ? <WorstFilesTable rows={worstFileRows(items, plan.tableRows - 1)} width={width} /> : null}
			{plan.tableRows >= 1 && items.length === 0 ? (
				<Text wrap="truncate-end" dimColor={data.image.pending !== undefined}>
					{data.image.pending ? 'The worst files are listed once every layer is stacked.' : 'No wasted space: every stored byte is visible.'}
				</Text>
			) : null}
		</Box>
	);
});
