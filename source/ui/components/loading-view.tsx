import {Box, Text} from 'ink';
import React from 'react';
import type {LoadProgress} from '../../load/progress.js';
import {useQuitKeys} from '../hooks/use-quit-keys.js';
import {loadingLines, loadingTotals, phaseLabel} from '../loading/loading-lines.js';
import {escapeText} from '../../text/escape.js';
import {useTheme} from '../theme.js';
import {PaneTitle} from './pane-title.js';
import {isTooSmall, TooSmall} from './too-small.js';

interface Props {
	progress: LoadProgress | null;
	columns: number;
	rows: number;
	onQuit: () => void;
	/** Esc goes back instead (a platform switch); without it only quitting is offered. */
	onCancel?: () => void;
}

function bar(fraction: number | null, width: number): string {
	if (fraction === null) return '·'.repeat(width);
	const full = Math.round(fraction * width);
	return '█'.repeat(full) + '░'.repeat(width - full);
}

/** Shown while the image loads: per layer bytes and entries read, never a blank screen. */
export function LoadingView({progress, columns, rows, onQuit, onCancel}: Props) {
	useQuitKeys(onQuit, onCancel);
	const theme = useTheme();
	const height = Math.max(rows - 1, 1);
	// Title, blank, totals, hint.
	const lines = loadingLines(progress, height - 4);
	const barWidth = Math.max(Math.min(30, columns - 50), 5);
	const title = `Loading ${escapeText(progress?.reference ?? '')}`.trim();
	if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
	return (
		<Box flexDirection="column" width={columns} height={height}>
			<PaneTitle title={title} width={columns} focused info={phaseLabel(progress)} />
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					{line.label.padEnd(12)}
					<Text color={line.done ? theme.good : theme.accent}>{bar(line.fraction, barWidth)}</Text> {line.detail}
				</Text>
			))}
			<Text> </Text>
			<Text wrap="truncate-end" dimColor>
				{loadingTotals(progress) || 'Opening the image…'}
			</Text>
			<Text wrap="truncate-end">
				{onCancel ? (
					<>
						<Text bold color={theme.accent}>
							Esc
						</Text>{' '}
						back to the image shown{'  '}
					</>
				) : null}
				<Text bold color={theme.accent}>
					q
				</Text>{' '}
				/{' '}
				<Text bold color={theme.accent}>
					^C
				</Text>{' '}
				{onCancel ? 'quit' : 'cancel'}
			</Text>
		</Box>
	);
}
