import {useInput, type Key} from 'ink';
import {useCallback, type Dispatch} from 'react';
import {keyNames} from '../keymap/key-names.js';
import type {ExplorerAction} from '../state/explorer-reducer.js';

/** Feeds every keypress to the explorer's reducer, which resolves it against the keymap. */
export function useExplorerInput(dispatch: Dispatch<ExplorerAction>): void {
	const onInput = useCallback(
		(input: string, key: Key) => dispatch({type: 'key', names: keyNames(input, key), text: input}),
		[dispatch],
	);
	useInput(onInput);
}
