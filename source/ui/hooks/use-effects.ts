import {useStdout} from 'ink';
import {useEffect, type Dispatch} from 'react';
import {runExtraction} from '../session/run-extraction.js';
import type {ExplorerData} from '../state/explorer-data.js';
import type {Effect} from '../state/effects.js';
import type {ExplorerAction} from '../state/explorer-reducer.js';
import {osc52} from '../terminal/osc52.js';

/** Carries out what the reducer asked for outside it, then reports one line back. */
export function useEffects(data: ExplorerData, effect: Effect | null, dispatch: Dispatch<ExplorerAction>): void {
	const {stdout} = useStdout();
	useEffect(() => {
		if (!effect) return;
		if (effect.kind === 'copy') {
			// Straight to the terminal, between frames: the sequence draws nothing.
			stdout.write(osc52(effect.text, Boolean(process.env['TMUX'])));
			dispatch({type: 'effect-done', id: effect.id, notice: effect.what});
		} else if (effect.kind === 'extract') {
			void runExtraction(data, effect.node, effect.layer, effect.dest).then(notice => dispatch({type: 'effect-done', id: effect.id, notice}));
		} else if (effect.kind === 'switch-platform') {
			// The session shows the loading view, then the explorer on that image.
			if (data.platforms) data.platforms.switchTo(effect.digest);
			else dispatch({type: 'effect-done', id: effect.id, notice: 'this explorer cannot switch platform'});
		}
	}, [effect?.id]);
}
