import {Box, Text} from 'ink';
import React from 'react';
import {changeKindFacts} from '../../../model/change-kinds.js';
import {PaneTitle} from '../../components/pane-title.js';
import {scrollToShow} from '../../state/list-cursor.js';
import {useTheme, type Theme} from '../../theme.js';
import type {OverlayViewProps} from '../overlay-view-props.js';
import {keepEnd, largestCells, largestInfo, thresholdLabel, type LargestCells} from './largest-row-text.js';
import type {LargestOverlay} from './largest-state.js';

/** Column widths; the path takes the rest. "overwritten by 12" and "kept by a hardlink" fit the end column. */
const SIZE = 7;
const LAYER = 5;
const CHANGE = 9;
const END = 18;
/** The end column of narrow terminals: "visible", "hid by 12". */
const SHORT_END = 9;
const RECLAIM = 7;

interface Columns {
	change: boolean;
	reclaim: boolean;
	end: number;
	path: number;
}

/** Narrow terminals drop the change and reclaimable columns, then shorten the end one, before the path gets too short. */
function columnsFor(width: number): Columns {
	const fixed = (change: boolean, reclaim: boolean, end: number) => 2 + SIZE + 1 + LAYER + 1 + (change ? CHANGE + 1 : 0) + end + 1 + (reclaim ? RECLAIM + 1 : 0);
	const choices: Array<[boolean, boolean, number, number]> = [
		[true, true, END, 20],
		[false, true, END, 16],
		[false, false, END, 14],
	];
	for (const [change, reclaim, end, room] of choices) {
		if (width - fixed(change, reclaim, end) >= room) return {change, reclaim, end, path: width - fixed(change, reclaim, end)};
	}
	return {change: false, reclaim: false, end: SHORT_END, path: Math.max(width - fixed(false, false, SHORT_END), 8)};
}

function endColor(theme: Theme, kind: LargestCells['endKind']): string | undefined {
	return kind === 'visible' ? theme.good : kind === 'linked' ? theme.label : theme.warning;
}

function Row({cells, selected, columns, theme, changeCode}: {cells: LargestCells; selected: boolean; columns: Columns; theme: Theme; changeCode: number}) {
	return (
		<Text wrap="truncate-end" bold={selected} inverse={selected}>
			{`${selected ? '›' : ' '} ${cells.size.padStart(SIZE)} ${cells.layer.padStart(LAYER)} `}
			{columns.change ? <Text color={theme.change[changeCode]}>{`${cells.change.padEnd(CHANGE)} `}</Text> : null}
			<Text color={endColor(theme, cells.endKind)}>{`${(columns.end === END ? cells.end : cells.shortEnd).padEnd(columns.end)} `}</Text>
			{columns.reclaim ? `${cells.reclaimable.padStart(RECLAIM)} ` : ''}
			{keepEnd(cells.path, columns.path).padEnd(selected ? columns.path : 0)}
		</Text>
	);
}

/** `w`: the largest stored file versions of every layer, with what became of each. */
export function LargestView({overlay, width, rows}: OverlayViewProps<LargestOverlay>) {
	const theme = useTheme();
	const listRows = Math.max(rows - 2, 1);
	const columns = columnsFor(width);
	const count = overlay.rows.length;
	// The reducer keeps the cursor in view for its idea of the height; this keeps it so for the real one.
	const top = scrollToShow(overlay.cursor, overlay.scroll, count, listRows);
	const header = `  ${'Size'.padStart(SIZE)} ${'Layer'.padStart(LAYER)} ${columns.change ? `${'Change'.padEnd(CHANGE)} ` : ''}${(columns.end === END ? 'At the end' : 'End').padEnd(columns.end)} ${columns.reclaim ? `${'Reclaim'.padStart(RECLAIM)} ` : ''}Path`;
	const shown = overlay.rows.slice(top, top + listRows);
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<PaneTitle title={width >= 64 ? 'Largest files, every layer' : 'Largest files'} width={width} focused info={largestInfo(overlay)} />
			<Text wrap="truncate-end" bold color={theme.label}>
				{header}
			</Text>
			{count === 0 ? (
				<Text wrap="truncate-end">{overlay.threshold === 0 ? '  No layer stores a regular file with content.' : `  No layer stores a regular file of ${thresholdLabel(overlay.threshold).slice(2)} or more: - lowers the threshold.`}</Text>
			) : (
				shown.map((row, i) => (
					<Row key={top + i} cells={largestCells(row)} selected={top + i === overlay.cursor} columns={columns} theme={theme} changeCode={changeKindFacts[row.change].code} />
				))
			)}
		</Box>
	);
}
