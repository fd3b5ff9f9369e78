import {Box, Text} from 'ink';
import React from 'react';
import {selectedNode, type ExplorerState} from '../state/explorer-state.js';
import {scrollToShow} from '../state/list-cursor.js';
import {attributeWidths, treeRowText} from '../tree/row-text.js';
import type {HiddenKinds} from '../tree/shown-nodes.js';
import {useTheme} from '../theme.js';
import {FileStoryLine} from './file-story-line.js';
import {FilterLine} from './filter-line.js';
import {FindLine} from './find-line.js';
import {PaneTitle} from './pane-title.js';
import {TreeRow} from './tree-row.js';

interface Props {
	state: ExplorerState;
	width: number;
	rows: number;
	storyRows: number;
	/** Attributes on (Ctrl+B) and room for them. */
	attributes: boolean;
	filterLine: boolean;
}

const kinds: Array<keyof HiddenKinds> = ['added', 'removed', 'modified', 'unmodified'];

/** "3/120" (the cursor's row) first, so that a narrow title keeps it; then the layer, the sort and what is hidden. */
function titleInfo(state: ExplorerState): string {
	const count = state.flat.rows.length;
	const parts = [`${count === 0 ? 0 : state.cursor + 1}/${count}`, state.mode === 'aggregated' ? `layers 0–${state.layer}` : `layer ${state.layer}`];
	if (state.sort === 'size') parts.push('by size');
	const hidden = kinds.filter(kind => state.hidden[kind]);
	if (hidden.length > 0) parts.push(`hiding ${hidden.join(', ')}`);
	return parts.join(' · ');
}

/** The file tree at the selected layer: only the rows on screen are built. */
export function FileTreePane({state, width, rows, storyRows, attributes, filterLine}: Props) {
	const theme = useTheme();
	const inner = Math.max(width - 1, 1);
	const {data, flat, view, shown, collapsed, cursor} = state;
	const count = flat.rows.length;
	// The reducer learns the height one render late after a resize: clamp here too.
	const scroll = scrollToShow(cursor, state.scroll, count, rows);
	const focused = state.focus === 'tree' || state.filter.editing || state.find.editing;
	const title = state.mode === 'aggregated' ? 'Aggregated Layer Contents' : 'Current Layer Contents';
	const header = `   ${attributes ? `${'Permission'.padEnd(attributeWidths.mode)} ${'UID:GID'.padStart(attributeWidths.owner)} ` : ''}${'Size'.padStart(attributeWidths.size)}  Filetree`;
	const visible: React.ReactNode[] = [];
	for (let r = scroll; r < Math.min(scroll + rows, count); r++) {
		const node = flat.rows[r]!;
		const text = treeRowText(data.index, data.versions, view, shown, flat, collapsed, node, attributes);
		visible.push(
			<TreeRow
				key={r - scroll}
				selected={r === cursor}
				inverse={r === cursor && focused}
				marker={text.marker}
				attributes={text.attributes}
				size={text.size}
				prefix={text.prefix}
				name={text.name}
				color={theme.change[text.change]}
				width={inner}
			/>,
		);
	}
	const selected = selectedNode(state);
	const empty = state.filter.matches
		? 'No path matches the filter.'
		: kinds.some(kind => state.hidden[kind])
			? 'Everything here is hidden (Ctrl+A/R/M/U show it again).'
			: 'The filesystem is empty at this layer.';
	return (
		<Box flexDirection="column" width={width} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false}>
			<PaneTitle title={title} width={inner} focused={focused} info={titleInfo(state)} />
			<Text wrap="truncate-end" dimColor>
				{header}
			</Text>
			<Box flexDirection="column" height={rows}>
				{count === 0 ? <Text dimColor>{empty}</Text> : visible}
			</Box>
			{filterLine ? state.find.editing || (state.find.text && !state.filter.editing && !state.filter.text) ? <FindLine state={state} /> : <FilterLine filter={state.filter} shownCount={shown.count} /> : null}
			<FileStoryLine node={selected > 0 ? data.index.nodes[selected]! : null} layer={state.layer} width={inner} rows={storyRows} />
		</Box>
	);
}
