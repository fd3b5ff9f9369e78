import {useInput, type Key} from 'ink';
import {useCallback} from 'react';
import {keyNames} from '../keymap/key-names.js';
import {resolveCommand} from '../keymap/resolve-command.js';

/** While loading only quitting makes sense: the global quit keys (q, Ctrl+C). */
export function useQuitKeys(onQuit: () => void): void {
	const onInput = useCallback(
		(input: string, key: Key) => {
			if (resolveCommand(keyNames(input, key), ['global']) === 'quit') onQuit();
		},
		[onQuit],
	);
	useInput(onInput);
}
