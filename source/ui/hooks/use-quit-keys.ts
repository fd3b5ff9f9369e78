import {useInput, type Key} from 'ink';
import {useCallback} from 'react';
import {chunkKeys, isUnnamed, keyNames} from '../keymap/key-names.js';
import {resolveCommand} from '../keymap/resolve-command.js';

/**
 * While loading only quitting makes sense: the global quit keys (q, Ctrl+C), also when
 * they arrive in one read with other keys ("jq" typed fast, a slow link); and Esc, where
 * the load can be cancelled (a platform switch).
 */
export function useQuitKeys(onQuit: () => void, onCancel?: () => void): void {
	const onInput = useCallback(
		(input: string, key: Key) => {
			const presses = input.length > 1 && isUnnamed(key) ? chunkKeys(input).map(press => press.names) : [keyNames(input, key)];
			if (presses.some(names => resolveCommand(names, ['global']) === 'quit')) onQuit();
			else if (onCancel && presses.some(names => names.includes('escape'))) onCancel();
		},
		[onQuit, onCancel],
	);
	useInput(onInput);
}
