import {Box, Text} from 'ink';
import React from 'react';
import {minimumSize} from '../layout/layout.js';

/** Shown instead of the panes while the terminal is below the minimum size; state is kept. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	return (
		<Box width={columns} height={Math.max(rows - 1, 1)}>
			<Text wrap="truncate-end">
				Terminal too small ({columns}×{rows}); peel needs {minimumSize.columns}×{minimumSize.rows}. q quits.
			</Text>
		</Box>
	);
}

export function isTooSmall(columns: number, rows: number): boolean {
	return columns < minimumSize.columns || rows < minimumSize.rows;
}
