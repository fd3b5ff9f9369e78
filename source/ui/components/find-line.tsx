import {Text} from 'ink';
import React from 'react';
import {escapeText} from '../../text/escape.js';
import {findPosition} from '../state/find-commands.js';
import type {ExplorerState} from '../state/explorer-state.js';
import {useTheme} from '../theme.js';

/** "Find: passwd▏ 3/17" — where the cursor is among the matches the tree shows. */
export function FindLine({state}: {state: ExplorerState}) {
	const theme = useTheme();
	const {find} = state;
	const {at, count} = findPosition(state);
	return (
		<Text wrap="truncate-end">
			<Text bold color={find.editing ? theme.focus : undefined}>
				Find:{' '}
			</Text>
			{escapeText(find.text, 200)}
			{find.editing ? '▏' : ''}
			<Text dimColor> {find.text ? (count === 0 ? 'no match' : `${at}/${count}`) : 'part of a name, or a regex'}</Text>
		</Text>
	);
}
