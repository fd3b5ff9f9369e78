import {Text} from 'ink';
import React from 'react';
import {filterPending} from '../state/filter-text.js';
import type {FilterState} from '../state/explorer-state.js';
import {useTheme} from '../theme.js';

interface Props {
	filter: FilterState;
	shownCount: number;
}

/** "Filter: regex▏ 12 shown" — or the reason the regex is invalid. */
export const FilterLine = React.memo(function FilterLine({filter, shownCount}: Props) {
	const theme = useTheme();
	const cursor = filter.editing ? '▏' : '';
	return (
		<Text wrap="truncate-end">
			<Text bold color={filter.editing ? theme.focus : undefined}>
				Filter:{' '}
			</Text>
			{filter.text}
			{cursor}
			{filter.error ? (
				<Text color={theme.error}> {filter.error}</Text>
			) : (
				<Text dimColor> {filterPending(filter) ? 'filtering…' : filter.text ? `${shownCount.toLocaleString('en-US')} shown` : 'type a regex on the full path'}</Text>
			)}
		</Text>
	);
});
