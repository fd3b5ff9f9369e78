import {Text} from 'ink';
import React from 'react';

interface Props {
	selected: boolean;
	/** Highlighted (the tree has focus). */
	inverse: boolean;
	marker: string;
	attributes: string;
	size: string;
	name: string;
	color: string | undefined;
	width: number;
}

/** One file-tree row; memoised with primitive props so scrolling re-renders only what changed. */
export const TreeRow = React.memo(function TreeRow({selected, inverse, marker, attributes, size, name, color, width}: Props) {
	const line = `${selected ? '›' : ' '}${marker} ${attributes ? `${attributes} ` : ''}${size}  ${name}`;
	return (
		<Text wrap="truncate-end" color={color} inverse={inverse} bold={selected}>
			{inverse ? line.padEnd(width) : line}
		</Text>
	);
});
