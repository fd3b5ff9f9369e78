import {Box, Text} from 'ink';
import React from 'react';
import {layerRowText} from '../layers/layer-row-text.js';
import type {ExplorerData} from '../state/explorer-data.js';
import {PaneTitle} from './pane-title.js';

interface Props {
	data: ExplorerData;
	layer: number;
	scroll: number;
	rows: number;
	width: number;
	narrow: boolean;
	focused: boolean;
	aggregated: boolean;
}

const LayerRow = React.memo(function LayerRow(props: {text: string; selected: boolean; inverse: boolean; step: boolean; width: number}) {
	const line = `${props.selected ? '›' : ' '}${props.text}`;
	return (
		<Text wrap="truncate-end" inverse={props.inverse} bold={props.selected} dimColor={props.step}>
			{props.inverse ? line.padEnd(props.width) : line}
		</Text>
	);
});

/** The Layers pane: layers with size and command, metadata-only steps dimmed between them. */
export function LayersPane({data, layer, scroll, rows, width, narrow, focused, aggregated}: Props) {
	const list = data.layerList.rows;
	const visible = list.slice(scroll, scroll + rows);
	const info = `${aggregated ? 'aggregated' : 'layer'} view`;
	return (
		<Box flexDirection="column" width={width} height={rows + 1}>
			<PaneTitle title="Layers" width={width} focused={focused} info={info} />
			{visible.map((row, i) => {
				const selected = row.kind === 'layer' && row.layer === layer;
				// In the aggregated view every layer up to the selected one is part of what the tree shows.
				const included = aggregated && row.kind === 'layer' && row.layer < layer;
				return (
					<LayerRow
						key={scroll + i}
						text={(included ? '┃' : ' ') + layerRowText(data, row, narrow)}
						selected={selected}
						inverse={selected && focused}
						step={row.kind === 'step'}
						width={width}
					/>
				);
			})}
		</Box>
	);
}
