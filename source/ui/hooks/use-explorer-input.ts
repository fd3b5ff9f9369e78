import {useInput, type Key} from 'ink';
import {useCallback, useRef, type Dispatch} from 'react';
import {parseMouse, isMouseReport, type MouseEvent} from '../pointer/mouse-event.js';
import {chunkKeys, isUnnamed, keyNames} from '../keymap/key-names.js';
import type {ExplorerAction} from '../state/explorer-reducer.js';

/**
 * Feeds every keypress to the explorer's reducer, which resolves it against the keymap.
 * Ink splits escape sequences out of a read but hands the rest over as one string: a held
 * key, a paste or a slow link ("jjj", "j\t", "\x15j") would lose every key but plain text.
 * Such a string is split into its keypresses here, each dispatched on its own.
 */
export function useExplorerInput(dispatch: Dispatch<Extract<ExplorerAction, {type: 'key'}>>, onMouse?: (event: MouseEvent) => void): void {
	// The newest handler (it knows the newest layout) without re-subscribing to input.
	const mouse = useRef(onMouse);
	mouse.current = onMouse;
	const onInput = useCallback(
		(input: string, key: Key) => {
			// A mouse report is never keys (its digits and letters would be typed).
			if (isMouseReport(input)) {
				const event = parseMouse(input);
				if (event) mouse.current?.(event);
				return;
			}
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
