import {Text} from 'ink';
import React from 'react';
import {useTheme} from '../theme.js';

/** A one-line report in place of the key hints, until the next key (the text is escaped by whoever made it). */
export function NoticeLine({text}: {text: string}) {
	const theme = useTheme();
	return (
		<Text wrap="truncate-end" color={theme.accent}>
			{text}
		</Text>
	);
}
