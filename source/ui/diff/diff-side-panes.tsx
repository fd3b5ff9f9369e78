import {Text} from 'ink';
import React from 'react';
import type {ImageTotals} from '../../compare/types.js';
import {signedBytes} from '../../report/diff-text.js';
import {formatBytes} from '../../text/bytes.js';
import {PaneTitle} from '../components/pane-title.js';
import {useTheme} from '../theme.js';
import {ChangeCode} from '../tree/change-code.js';
import {configDiffLines} from './diff-config-lines.js';
import type {DiffData} from './diff-data.js';

const percent = (value: number | null) => (value === null ? 'unknown' : `${(value * 100).toFixed(2)} %`);
const signed = (delta: number) => (delta === 0 ? '±0' : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`);

/** Label, OLD → NEW and the delta, for each total. */
export function totalsLines(old: ImageTotals, next: ImageTotals): string[] {
	const line = (label: string, a: string, b: string, delta: string) => `${label.padEnd(11)}${a.padStart(8)} → ${b.padStart(8)}${delta ? ` ${delta}` : ''}`;
	const bytes = (label: string, a: number, b: number) => line(label, formatBytes(a), formatBytes(b), signedBytes(b - a));
	const count = (label: string, a: number, b: number) => line(label, String(a), String(b), signed(b - a));
	const efficiency = old.efficiencyScore !== null && next.efficiencyScore !== null ? `${next.efficiencyScore >= old.efficiencyScore ? '+' : '−'}${(Math.abs(next.efficiencyScore - old.efficiencyScore) * 100).toFixed(2)} pt` : '';
	return [
		bytes('Size', old.sizeBytes, next.sizeBytes),
		bytes('Compressed', old.compressedSizeBytes, next.compressedSizeBytes),
		count('Layers', old.layerCount, next.layerCount),
		count('Files', old.fileCount, next.fileCount),
		line('Efficiency', percent(old.efficiencyScore), percent(next.efficiencyScore), efficiency),
		bytes('Reclaimable', old.reclaimableBytes, next.reclaimableBytes),
	];
}

export function TotalsPane({data, rows, width}: {data: DiffData; rows: number; width: number}) {
	const lines = totalsLines(data.comparison.old, data.comparison.new).slice(0, rows);
	return (
		<>
			<PaneTitle title="Totals" info="OLD → NEW" width={width} />
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					{line}
				</Text>
			))}
		</>
	);
}

/** Each config field that differs, old → new (see configDiffLines), scrolled by ↑↓ when focused. */
export function ConfigPane({data, scroll, rows, width, focused}: {data: DiffData; scroll: number; rows: number; width: number; focused: boolean}) {
	const theme = useTheme();
	const fields = Object.entries(data.comparison.config);
	const colors = {field: theme.label, old: theme.change[ChangeCode.Removed], new: theme.change[ChangeCode.Added]};
	const shown = configDiffLines(data.comparison.config).slice(scroll, scroll + rows);
	return (
		<>
			<PaneTitle title="Config difference" info={fields.length === 0 ? 'none' : `${fields.length} field${fields.length === 1 ? '' : 's'}`} width={width} focused={focused} />
			{fields.length === 0 ? <Text dimColor>Env, Cmd, Entrypoint, User, … are the same</Text> : null}
			{shown.map((line, i) => (
				<Text key={scroll + i} wrap="truncate-end" color={colors[line.kind]} bold={line.kind === 'field'}>
					{line.text}
				</Text>
			))}
		</>
	);
}
