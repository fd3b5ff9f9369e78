import {useInput, type Key} from 'ink';
import {useCallback, type Dispatch} from 'react';
import {keyNames} from '../keymap/key-names.js';
import type {ExplorerAction} from '../state/explorer-reducer.js';

function isPlainText(key: Key): boolean {
	return !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab && !key.backspace && !key.delete;
}

/** Keys that can arrive inside a chunk of typed text ("passwd\rv" when typed fast or pasted). */
const CONTROL_NAMES: Record<string, string[]> = {'\r': ['return'], '\t': ['tab'], '\u007f': ['backspace'], '\b': ['backspace']};

/**
 * Feeds every keypress to the explorer's reducer, which resolves it against the keymap.
 * A held key or fast typing can deliver several characters in one chunk ("jjj"): each
 * is a keypress of its own, or they would be dropped.
 */
export function useExplorerInput(dispatch: Dispatch<ExplorerAction>): void {
	const onInput = useCallback(
		(input: string, key: Key) => {
			if (input.length > 1 && isPlainText(key)) {
				for (const char of input) dispatch({type: 'key', names: CONTROL_NAMES[char] ?? keyNames(char, key), text: char});
				return;
			}
			dispatch({type: 'key', names: keyNames(input, key), text: input});
		},
		[dispatch],
	);
	useInput(onInput);
}
