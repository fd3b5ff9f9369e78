import {Text} from 'ink';
import React from 'react';
import type {Command, Scope} from '../keymap/commands.js';
import {keyLabel} from '../keymap/key-names.js';
import {bindingsFor} from '../keymap/resolve-command.js';
import {useTheme} from '../theme.js';

interface Props {
	scopes: Scope[];
	/** Toggles that are on (hidden kinds, the current view): drawn highlighted. */
	active: ReadonlySet<Command>;
}

/** "^A" in hints (compact), "Ctrl+A" in help. */
export function compactKey(name: string): string {
	return name.startsWith('ctrl+') ? `^${keyLabel(name).slice('Ctrl+'.length)}` : keyLabel(name);
}

/** The bottom line: keys of the focused pane first, then the global ones, from the keymap. */
export const KeyHints = React.memo(function KeyHints({scopes, active}: Props) {
	const theme = useTheme();
	const ordered = scopes.flatMap(scope => bindingsFor([scope]));
	const seen = new Set<Command>();
	const hints = ordered.filter(binding => binding.hint && !seen.has(binding.command) && seen.add(binding.command));
	return (
		<Text wrap="truncate-end">
			{hints.map((binding, i) => (
				<Text key={binding.command}>
					{i > 0 ? '  ' : ''}
					<Text bold color={theme.accent}>
						{compactKey(binding.keys[0]!)}
					</Text>{' '}
					<Text inverse={active.has(binding.command)}>{binding.hint}</Text>
				</Text>
			))}
		</Text>
	);
});
