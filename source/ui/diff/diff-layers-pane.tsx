import {Text} from 'ink';
import React from 'react';
import type {ImageComparison, LayerRow} from '../../compare/types.js';
import {formatBytes} from '../../text/bytes.js';
import {PaneTitle} from '../components/pane-title.js';
import {scrollToShow} from '../state/list-cursor.js';
import {useTheme} from '../theme.js';
import {ChangeCode} from '../tree/change-code.js';
import type {DiffData} from './diff-data.js';

interface Props {
	data: DiffData;
	cursor: number;
	scroll: number;
	rows: number;
	width: number;
	focused: boolean;
}

const index = (value: number | null) => (value === null ? '·' : String(value)).padStart(3);

/** What a pull of NEW does with the layer, said first so that a cut line keeps it. */
export function layerMark(row: LayerRow): string {
	if (row.blobShared) return 'Already exists';
	if (row.oldIndex !== null && row.newIndex !== null) return 'pulled (same content, other blob)';
	return row.oldIndex === null ? 'NEW only, pulled' : 'OLD only';
}

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

/** The selected layer in words, for the line under the tree while the Layers pane has focus: both blobs, how each is stored. */
export function layerStatusLine(data: DiffData, row: LayerRow): string {
	const side = (label: string, image: DiffData['old'], index: number | null, digest: string | null) => {
		if (index === null) return `not in ${label}`;
		const layer = image.layers[index];
		return `${label} L${index} ${layer?.compression ?? '?'} ${formatBytes(layer?.compressedSize ?? 0)} ${short(digest ?? '').slice(0, 10)}`;
	};
	return `diff_id ${short(row.diffId)} ${formatBytes(row.sizeBytes)} · ${side('OLD', data.old, row.oldIndex, row.oldBlobDigest)} · ${side('NEW', data.new, row.newIndex, row.newBlobDigest)}`;
}

/** "Pull over OLD: 37 kB (36,710 B) in 1 layer, 1 Already exists"; shorter in a narrow pane. */
export function pullLine(comparison: ImageComparison, wide: boolean): string {
	const {pullBytes, layersAlreadyPresent: present} = comparison;
	const pulled = comparison.new.layerCount - present;
	const exact = `${pullBytes.toLocaleString('en-US')} B`;
	const bytes = formatBytes(pullBytes) === exact ? exact : `${formatBytes(pullBytes)} (${exact})`;
	const layers = `${pulled} layer${pulled === 1 ? '' : 's'}`;
	return wide ? `Pull over OLD: ${bytes} in ${layers}, ${present} Already exist${present === 1 ? 's' : ''}` : `Pull ${bytes}: ${layers}, ${present} exist${present === 1 ? 's' : ''}`;
}

/** The layers of both images side by side: where each image has it, its size, what a pull does with it; then the shared base and the pull cost. */
export function DiffLayersPane({data, cursor, scroll, rows, width, focused}: Props) {
	const theme = useTheme();
	const {comparison} = data;
	// The reducer learns the height one render late after a resize: clamp here too.
	const top = scrollToShow(cursor, scroll, comparison.layers.length, rows);
	const shown = comparison.layers.slice(top, top + rows);
	const wide = width >= 60;
	const base = comparison.sharedLayers;
	return (
		<>
			<PaneTitle title="Layers" info="OLD ↔ NEW" width={width} focused={focused} />
			<Text wrap="truncate-end" bold>
				{`   OLD NEW     Size ${wide ? ' Diff ID       ' : ''}Pull`}
			</Text>
			{shown.map((row, i) => {
				const at = top + i;
				const selected = at === cursor;
				const inBase = row.oldIndex !== null && row.oldIndex === row.newIndex && row.oldIndex < base;
				return (
					<Text key={at} wrap="truncate-end" inverse={selected && focused} color={row.blobShared ? theme.good : row.oldIndex === null ? theme.change[ChangeCode.Added] : undefined}>
						{`${selected ? '›' : ' '}${inBase ? '=' : ' '}${index(row.oldIndex)} ${index(row.newIndex)} ${formatBytes(row.sizeBytes).padStart(8)} ${wide ? `${row.diffId.replace(/^sha256:/, '').slice(0, 12)}  ` : ''}${layerMark(row)}`}
					</Text>
				);
			})}
			{Array.from({length: rows - shown.length}, (_, i) => (
				<Text key={`pad${i}`}> </Text>
			))}
			<Text wrap="truncate-end">{`Shared base: ${base} layer${base === 1 ? '' : 's'} (=)${wide ? ', equal diff_ids from layer 0' : ''}`}</Text>
			<Text wrap="truncate-end" bold>
				{pullLine(comparison, wide)}
			</Text>
		</>
	);
}
