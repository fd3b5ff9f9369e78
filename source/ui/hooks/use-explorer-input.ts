import {useInput, type Key} from 'ink';
import {useCallback, type Dispatch} from 'react';
import {chunkKeys, keyNames} from '../keymap/key-names.js';
import type {ExplorerAction} from '../state/explorer-reducer.js';

/** Ink names a read it could not take for one key (several keys in one chunk) by nothing at all. */
function isUnnamed(key: Key): boolean {
	return !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab && !key.backspace && !key.delete;
}

/**
 * Feeds every keypress to the explorer's reducer, which resolves it against the keymap.
 * Ink splits escape sequences out of a read but hands the rest over as one string: a held
 * key, a paste or a slow link ("jjj", "j\t", "\x15j") would lose every key but plain text.
 * Such a string is split into its keypresses here, each dispatched on its own.
 */
export function useExplorerInput(dispatch: Dispatch<Extract<ExplorerAction, {type: 'key'}>>): void {
	const onInput = useCallback(
		(input: string, key: Key) => {
			if (input.length > 1 && isUnnamed(key)) {
				for (const press of chunkKeys(input)) dispatch({type: 'key', names: press.names, text: press.text});
				return;
			}
			dispatch({type: 'key', names: keyNames(input, key), text: input});
		},
		[dispatch],
	);
	useInput(onInput);
}
