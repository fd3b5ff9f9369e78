import {Text} from 'ink';
import React from 'react';
import type {Command, Scope} from '../keymap/commands.js';
import {keyHintLabel} from '../keymap/key-names.js';
import {bindingsFor} from '../keymap/resolve-command.js';
import {useTheme} from '../theme.js';

interface Props {
	scopes: Scope[];
	/** Toggles that are on (the current view, kinds shown, attributes, size order): drawn highlighted. */
	active: ReadonlySet<Command>;
}

/** The bottom line, from the keymap: the global keys (so `?` is always in sight), then the focused pane's. */
export const KeyHints = React.memo(function KeyHints({scopes, active}: Props) {
	const theme = useTheme();
	const ordered = [...scopes].sort((a, b) => Number(b === 'global') - Number(a === 'global')).flatMap(scope => bindingsFor([scope]));
	const seen = new Set<Command>();
	const hints = ordered.filter(binding => binding.hint && !seen.has(binding.command) && seen.add(binding.command));
	return (
		<Text wrap="truncate-end">
			{hints.map((binding, i) => (
				<Text key={binding.command}>
					{i > 0 ? '  ' : ''}
					<Text bold color={theme.accent}>
						{keyHintLabel(binding.keys[0]!)}
					</Text>{' '}
					<Text inverse={active.has(binding.command)}>{binding.hint}</Text>
				</Text>
			))}
		</Text>
	);
});
