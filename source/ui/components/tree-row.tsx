import {Box, Text} from 'ink';
import React from 'react';

/** Columns kept for the name however deep the path. */
const MIN_NAME = 12;

interface Props {
	selected: boolean;
	/** Highlighted (the tree has focus). */
	inverse: boolean;
	marker: string;
	attributes: string;
	size: string;
	prefix: string;
	name: string;
	color: string | undefined;
	width: number;
}

/**
 * One file-tree row; memoised with primitive props so scrolling re-renders only what
 * changed. Box-drawing glyphs and plain-ASCII columns get Texts of their own: Ink
 * measures every Text's width per frame, and ASCII-only text takes string-width's fast path.
 */
export const TreeRow = React.memo(function TreeRow({selected, inverse, marker, attributes, size, prefix, name, color, width}: Props) {
	const columns = `${marker} ${attributes ? `${attributes} ` : ''}${size}  `;
	// A path deeper than the pane is wide keeps the end of its glyphs ("…│   └── ") and room
	// for the name: Ink would otherwise squeeze the columns and spill past the width.
	const prefixRoom = Math.max(width - 1 - columns.length - MIN_NAME, 0);
	const shownPrefix = prefix.length <= prefixRoom ? prefix : prefixRoom > 0 ? `…${prefix.slice(prefix.length - prefixRoom + 1)}` : '';
	const rest = Math.max(width - 1 - columns.length - shownPrefix.length, 0);
	return (
		<Box width={width} height={1}>
			<Text color={color} inverse={inverse} bold={selected}>
				{selected ? '›' : ' '}
			</Text>
			<Text wrap="truncate-end" color={color} inverse={inverse} bold={selected}>
				{columns}
			</Text>
			<Text wrap="truncate-end" color={color} inverse={inverse} bold={selected}>
				{shownPrefix}
			</Text>
			<Box width={rest}>
				<Text wrap="truncate-end" color={color} inverse={inverse} bold={selected}>
					{inverse ? name.padEnd(rest) : name}
				</Text>
			</Box>
		</Box>
	);
});
