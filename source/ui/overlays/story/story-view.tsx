import {Box, Text} from 'ink';
import React from 'react';
import {changeKindFacts} from '../../../model/change-kinds.js';
import {formatBytes} from '../../../text/bytes.js';
import {escapeText} from '../../../text/escape.js';
import {PaneTitle} from '../../components/pane-title.js';
import {scrollToShow} from '../../state/list-cursor.js';
import {useTheme} from '../../theme.js';
import type {OverlayViewProps} from '../overlay-view-props.js';
import type {StoryRow} from './story-rows.js';
import type {StoryOverlay} from './story-state.js';

const HEADERS = ['L', 'Change', 'Size', 'Mode', 'UID:GID', 'Hash'] as const;

/** Hash characters shown: enough to tell versions apart; fewer where 80 columns must hold the reason too. */
const hashChars = (width: number) => (width >= 100 ? 12 : 8);

/** A row's cells in header order (the reclaimable part comes after, unpadded). */
function cellsOf(row: StoryRow, hash: number): string[] {
	// "rewritten unchanged" is the widest change; narrow terminals say it as the tree's legend does.
	const change = hash < 12 && row.kind === 'unchanged' ? 'stored again' : row.change;
	return [`L${row.layer}`, change, row.size, row.mode, row.owner, row.hash.startsWith('→') ? row.hash : row.hash.slice(0, hash)];
}

/** `t`: one row per layer that touched the path — change, size, mode, owner, hash, and the bytes nothing can see, with why. */
export function StoryView({state, overlay, width, rows}: OverlayViewProps<StoryOverlay>) {
	const theme = useTheme();
	const listRows = Math.max(rows - 5, 1);
	const cells = overlay.rows.map(row => cellsOf(row, hashChars(width)));
	const widths = HEADERS.map((header, c) => Math.max(header.length, ...cells.map(row => row[c]!.length)));
	const line = (values: readonly string[]) => values.map((value, c) => (c === 2 ? value.padStart(widths[c]!) : value.padEnd(widths[c]!))).join(' ');
	// Cursor and mark columns, the cells, the gap before the reclaimable bytes.
	const prefix = 3 + line(HEADERS).length + 1;
	const top = scrollToShow(overlay.cursor, overlay.scroll, overlay.rows.length, listRows);
	const selected = overlay.rows[overlay.cursor];
	const command = selected ? (state.data.image.history.layerSteps[selected.layer]?.command ?? '') : '';
	const lastVersion = overlay.rows.at(-1)?.version;
	const marked = overlay.mark === null ? null : overlay.rows[overlay.mark];
	const total = overlay.rows.reduce((sum, row) => sum + row.reclaimable, 0);
	const info = `${overlay.rows.length} version${overlay.rows.length === 1 ? '' : 's'}${total > 0 ? `, ${formatBytes(total)} reclaimable` : ''}`;
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<PaneTitle title={`Story of ${escapeText(overlay.path, Math.max(width - 30, 10))}`} width={width} focused info={info} />
			<Text wrap="truncate-end" bold color={theme.label}>
				{`   ${line(HEADERS)} Reclaimable`}
			</Text>
			<Box flexDirection="column" height={listRows}>
				{overlay.rows.slice(top, top + listRows).map((row, i) => {
					const at = top + i;
					const [layer, change, ...rest] = cells[at]!;
					const isCursor = at === overlay.cursor;
					const full = `${formatBytes(row.reclaimable)} ${row.reason}`;
					const reclaim = prefix + full.length <= width ? full : `${formatBytes(row.reclaimable)} ${row.shortReason}`;
					return (
						<Text key={at} wrap="truncate-end" bold={isCursor} inverse={isCursor}>
							{`${isCursor ? '›' : ' '}${at === overlay.mark ? '*' : ' '} ${layer!.padEnd(widths[0]!)} `}
							<Text color={theme.change[changeKindFacts[row.kind].code]}>{change!.padEnd(widths[1]!)}</Text>
							{` ${rest.map((value, c) => (c === 0 ? value.padStart(widths[2]!) : value.padEnd(widths[c + 2]!))).join(' ')} `}
							{row.reclaimable > 0 ? <Text color={theme.warning}>{reclaim}</Text> : '—'}
						</Text>
					);
				})}
			</Box>
			<Text wrap="truncate-end" dimColor>
				{selected ? `L${selected.layer}: ${command ? escapeText(command, 1000) : '(no command in the history)'}` : ''}
			</Text>
			<Text wrap="truncate-end" color={selected && selected.reclaimable > 0 ? theme.warning : undefined} dimColor={!selected || selected.reclaimable === 0}>
				{selected ? (selected.reclaimable > 0 ? `L${selected.layer}'s ${formatBytes(selected.reclaimable)} reclaimable: ${selected.reason}` : `L${selected.layer}: nothing reclaimable${selected.version === lastVersion ? ' (what the image shows at the end)' : ''}`) : ''}
			</Text>
			<Text wrap="truncate-end" dimColor>
				{marked ? `marked L${marked.layer} (*): d diffs it with the selected version` : 'm marks a version, d diffs it with another; v or Enter views one'}
			</Text>
		</Box>
	);
}
