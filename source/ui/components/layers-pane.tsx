import {Box} from 'ink';
import React from 'react';
import {layerRowText} from '../layers/layer-row-text.js';
import type {ExplorerData} from '../state/explorer-data.js';
import {LayerRow} from './layer-row.js';
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
						marks={(selected ? '›' : ' ') + (included ? '┃' : ' ')}
						text={layerRowText(data, row, narrow)}
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
