import {Text} from 'ink';
import React from 'react';
import {useTheme} from '../theme.js';

interface Props {
	title: string;
	width: number;
	focused?: boolean;
	/** Extra state after the title (view, sort, filter…). */
	info?: string;
}

/** A pane's title rule: "● Layers ───── info". The dot and bold say focus without colour. */
export const PaneTitle = React.memo(function PaneTitle({title, width, focused = false, info}: Props) {
	const theme = useTheme();
	const head = `${focused ? '●' : '─'} ${title} `;
	const tail = info ? ` ${info} ─` : '';
	const fill = Math.max(width - head.length - tail.length, 1);
	return (
		<Text wrap="truncate-end" bold={focused} color={focused ? theme.focus : undefined}>
			{head + '─'.repeat(fill) + tail}
		</Text>
	);
});
