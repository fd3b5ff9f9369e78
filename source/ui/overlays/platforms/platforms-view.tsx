import {Box, Text} from 'ink';
import React from 'react';
import {shortDigest} from '../../../sources/registry/digest.js';
import {formatBytes} from '../../../text/bytes.js';
import {escapeText} from '../../../text/escape.js';
import {PaneTitle} from '../../components/pane-title.js';
import {useTheme} from '../../theme.js';
import type {OverlayViewProps} from '../overlay-view-props.js';
import type {PlatformRow, PlatformsOverlay} from './platforms-state.js';

// Wide enough for linux/arm64/v8-like text while a row fits 80 columns with its note.
const textWidth = 16;

function rowText(row: PlatformRow, atCursor: boolean): string {
	const cursor = atCursor ? '›' : ' ';
	const mark = row.chosen ? '●' : row.attestation ? ' ' : '○';
	const text = escapeText(row.text, 60).padEnd(textWidth);
	const size = (row.sizeBytes === null ? '' : formatBytes(row.sizeBytes)).padStart(8);
	const note = row.attestation ? 'attestation (not a platform)' : row.chosen ? 'shown' : row.missing ? 'not in this archive' : row.sizeBytes !== null ? 'loaded' : '';
	return `${cursor} ${mark} ${text} ${shortDigest(row.digest).padEnd(19)} ${size}  ${note}`;
}

/** The index's entries: platform, manifest digest, size once loaded; the shown one marked ●, attestations dimmed. */
export function PlatformsView({state, overlay, width, rows}: OverlayViewProps<PlatformsOverlay>) {
	const theme = useTheme();
	const handle = state.data.image.handle;
	const listRows = Math.max(rows - 2, 1);
	// Keep the cursor in sight: the window scrolls only when it would leave it.
	const top = Math.max(0, Math.min(overlay.cursor - listRows + 1, overlay.rows.length - listRows));
	const visible = overlay.rows.slice(top, top + listRows);
	const index = handle.indexDigest ? `index ${shortDigest(handle.indexDigest)}` : undefined;
	return (
		<Box flexDirection="column" width={width} height={rows}>
			<PaneTitle title={`Platforms of ${escapeText(handle.reference, 200)}`} width={width} focused info={index} />
			<Text wrap="truncate-end" bold color={theme.label}>
				{`    ${'Platform'.padEnd(textWidth)} ${'Manifest'.padEnd(19)} ${'Size'.padStart(8)}`}
			</Text>
			{visible.map((row, i) => {
				const atCursor = top + i === overlay.cursor;
				return (
					<Text key={row.digest + i} wrap="truncate-end" dimColor={row.attestation || row.missing} bold={row.chosen} inverse={atCursor} color={row.chosen ? theme.focus : undefined}>
						{rowText(row, atCursor)}
					</Text>
				);
			})}
		</Box>
	);
}
