import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {layerListIn, type LayerOrder} from '../layers/layer-order.js';
import {imageBytes, layerColumns, layerHeaderText, layerRowText} from '../layers/layer-row-text.js';
import type {LoadProgress} from '../../load/progress.js';
import type {ExplorerData} from '../state/explorer-data.js';
import {LayerRow} from './layer-row.js';
import {PaneTitle} from './pane-title.js';

interface Props {
	data: ExplorerData;
	layer: number;
	scroll: number;
	/** Lines of rows, the title and the column header excluded. */
	rows: number;
	width: number;
	focused: boolean;
	aggregated: boolean;
	order: LayerOrder;
	/** While the image loads: how far each layer not stacked yet got. */
	progress?: LoadProgress | null;
}

/**
 * "3/8" (the selected layer's place in the list) first, so that a narrow title keeps it,
 * with arrows while rows are hidden above or below.
 */
function titleInfo(position: number, count: number, hiddenAbove: boolean, hiddenBelow: boolean, order: LayerOrder, aggregated: boolean, stacked: number | null): string {
	const arrows = `${hiddenAbove ? '↑' : ''}${hiddenBelow ? '↓' : ''}`;
	const parts = [`${position + 1}/${count}${arrows ? ` ${arrows}` : ''}`];
	if (stacked !== null) parts.push(`loading, ${stacked} stacked`);
	if (order === 'size') parts.push('by size');
	parts.push(`${aggregated ? 'aggregated' : 'layer'} view`);
	return parts.join(' · ');
}

/** The Layers pane: layers with size, stored size, share and command, metadata-only steps dimmed between them. */
export function LayersPane({data, layer, scroll, rows, width, focused, aggregated, order, progress = null}: Props) {
	const list = layerListIn(data, order);
	const columns = useMemo(() => layerColumns(data, width - 2), [data, width]);
	const total = useMemo(() => imageBytes(data), [data]);
	const visible = list.rows.slice(scroll, scroll + rows);
	const info = titleInfo(list.positionOfLayer[layer] ?? 0, data.layerCount, scroll > 0, scroll + rows < list.rows.length, order, aggregated, data.image.pending?.stacked ?? null);
	return (
		<Box flexDirection="column" width={width} height={rows + 2}>
			<PaneTitle title="Layers" width={width} focused={focused} info={info} />
			<Text wrap="truncate-end" dimColor>
				{`  ${layerHeaderText(columns)}`}
			</Text>
			{visible.map((row, i) => {
				const selected = row.kind === 'layer' && row.layer === layer;
				// In the aggregated view every layer up to the selected one is part of what the tree shows.
				const included = aggregated && row.kind === 'layer' && row.layer < layer;
				return (
					<LayerRow
						key={scroll + i}
						marks={(selected ? '›' : ' ') + (included ? '┃' : ' ')}
						text={layerRowText(data, row, columns, total, progress)}
						selected={selected}
						inverse={selected && focused}
						step={row.kind === 'step' || (data.image.pending !== undefined && row.layer >= data.image.pending.stacked)}
						width={width}
					/>
				);
			})}
		</Box>
	);
}
