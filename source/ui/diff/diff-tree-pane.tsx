import {Box, Text} from 'ink';
import React from 'react';
import {escapeText} from '../../text/escape.js';
import {PaneTitle} from '../components/pane-title.js';
import {scrollToShow} from '../state/list-cursor.js';
import {useTheme} from '../theme.js';
import {diffFindPosition} from './diff-find.js';
import {layerStatusLine} from './diff-layers-pane.js';
import type {DiffLayout} from './diff-layout.js';
import {diffColumns, diffRowText, diffStatusLine} from './diff-row-text.js';
import {selectedDiffNode, type DiffState} from './diff-state.js';

function header(layout: DiffLayout): string {
	const change = layout.treeChange ? ` ${'Change'.padEnd(diffColumns.change)}` : '';
	const sizes = layout.treeSizes ? `${'OLD'.padStart(diffColumns.size)} ${'NEW'.padStart(diffColumns.size)} ` : '';
	return `  ${change}${'Δ Size'.padStart(diffColumns.delta)} ${sizes} Path`;
}

/** The last line of the pane: the filter or find line while one is in use. */
function LineBelow({state}: {state: DiffState}) {
	const theme = useTheme();
	if (state.filter.editing || state.filter.text !== '') {
		const shown = state.flat.rows.length;
		return (
			<Text wrap="truncate-end">
				<Text bold color={state.filter.editing ? theme.focus : undefined}>
					Filter:{' '}
				</Text>
				{escapeText(state.filter.text, 200)}
				{state.filter.editing ? '▏' : ''}
				{state.filter.error ? <Text color={theme.error}> {state.filter.error}</Text> : <Text dimColor> {state.filter.text ? `${shown} rows shown` : 'type a regex on the full path'}</Text>}
			</Text>
		);
	}
	const {at, count} = diffFindPosition(state);
	return (
		<Text wrap="truncate-end">
			<Text bold color={state.find.editing ? theme.focus : undefined}>
				Find:{' '}
			</Text>
			{escapeText(state.find.text, 200)}
			{state.find.editing ? '▏' : ''}
			<Text dimColor> {state.find.text ? (count === 0 ? 'no match' : `${at}/${count}`) : 'part of a name, or a regex'}</Text>
		</Text>
	);
}

/** OLD's and NEW's final filesystems as one tree of what differs: marks, both sizes, the delta (directories: the sum below). */
export function DiffTreePane({state, layout, focused}: {state: DiffState; layout: DiffLayout; focused: boolean}) {
	const theme = useTheme();
	const {tree} = state.data;
	const width = layout.treeWidth - 1;
	// The reducer learns the height one render late after a resize: clamp here too.
	const scroll = scrollToShow(state.cursor, state.scroll, state.flat.rows.length, layout.treeRows);
	const rows = state.flat.rows.subarray(scroll, scroll + layout.treeRows);
	const lineOpen = state.filter.editing || state.filter.text !== '' || state.find.editing || state.find.text !== '';
	const selected = selectedDiffNode(state);
	const paths = tree.size - 1;
	return (
		<Box flexDirection="column" width={layout.treeWidth} height={layout.body} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false}>
			<PaneTitle title="Difference tree" info={`${width >= 60 ? `${paths} path${paths === 1 ? '' : 's'}, ` : ''}by ${state.sort === 'name' ? 'name' : 'Δ size'}`} width={width} focused={focused} />
			<Text wrap="truncate-end" bold>
				{header(layout)}
			</Text>
			<Box flexDirection="column" height={layout.treeRows}>
				{rows.length === 0 ? <Text dimColor>{state.filter.matches ? 'No path matches the filter.' : 'No path differs.'}</Text> : null}
				{Array.from(rows, (node, k) => {
					const row = diffRowText(tree, state.flat, state.collapsed, node);
					const cursor = scroll + k === state.cursor;
					return (
						<Text key={node} wrap="truncate-end" inverse={cursor && focused}>
							<Text color={theme.change[row.change]}>
								{cursor ? '›' : ' '}
								{row.marker}
								{layout.treeChange ? ` ${row.how}` : ''}
							</Text>
							{row.delta} {layout.treeSizes ? `${row.oldSize} ${row.newSize} ` : ''}
							{row.prefix}
							<Text color={theme.change[row.change]}>{row.name}</Text>
						</Text>
					);
				})}
			</Box>
			<Text wrap="truncate-end" dimColor>
				{state.focus === 'layers' && state.data.comparison.layers[state.layerCursor] ? layerStatusLine(state.data, state.data.comparison.layers[state.layerCursor]!) : diffStatusLine(tree, selected)}
			</Text>
			{lineOpen ? <LineBelow state={state} /> : null}
		</Box>
	);
}
