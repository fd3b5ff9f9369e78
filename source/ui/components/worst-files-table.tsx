import {Box, Text} from 'ink';
import React from 'react';
import type {WorstFileRow} from '../details/worst-files.js';
import {useTheme} from '../theme.js';

interface Props {
	rows: WorstFileRow[];
	width: number;
}

/** Keeps the end of a path, where its name is: "…/lib/libfoo.so". */
function keepEnd(text: string, width: number): string {
	if (width <= 0) return '';
	return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

/**
 * The worst files, as a compact table. Not ink-table: it draws a rule between every row
 * (two lines per file, too many at 80×24) and cannot truncate cells to the pane width.
 */
export function WorstFilesTable({rows, width}: Props) {
	const theme = useTheme();
	const sizeWidth = Math.max(4, ...rows.map(row => row.size.length));
	const layersWidth = Math.max(6, ...rows.map(row => row.layers.length));
	const showWhy = width >= 56;
	const whyWidth = showWhy ? Math.max(3, ...rows.map(row => row.why.length)) : 0;
	const fixed = sizeWidth + 1 + layersWidth + 1 + (showWhy ? whyWidth + 1 : 0);
	const pathWidth = Math.max(width - fixed, 4);
	const line = (size: string, layers: string, why: string, path: string) =>
		`${size.padStart(sizeWidth)} ${layers.padEnd(layersWidth)} ${showWhy ? `${why.padEnd(whyWidth)} ` : ''}${keepEnd(path, pathWidth)}`;
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end" bold color={theme.label}>
				{line('Size', 'Layers', 'Why', 'Path')}
			</Text>
			{rows.map((row, i) => (
				<Text key={i} wrap="truncate-end">
					{line(row.size, row.layers, row.why, row.path)}
				</Text>
			))}
		</Box>
	);
}
