import {escapeText} from '../../../text/escape.js';
import type {Command} from '../../keymap/commands.js';
import {nextEffectId} from '../../state/effects.js';
import type {ExplorerState} from '../../state/explorer-state.js';
import type {OverlayHandler} from '../overlay-handler.js';
import {platformRows, shownPlatform} from './platform-rows.js';
import type {PlatformsOverlay} from './platforms-state.js';

function move(overlay: PlatformsOverlay, command: Command): PlatformsOverlay {
	const last = overlay.rows.length - 1;
	const cursor = {'move-up': overlay.cursor - 1, 'move-down': overlay.cursor + 1, 'move-first': 0, 'move-last': last}[command as string] ?? overlay.cursor;
	return {...overlay, cursor: Math.min(Math.max(cursor, 0), last)};
}

/** Enter: another platform's image is asked of the session (it shows the loading view, then that image). */
function choose(state: ExplorerState, overlay: PlatformsOverlay): ExplorerState {
	const row = overlay.rows[overlay.cursor];
	if (!row || row.chosen) return {...state, overlay: null};
	if (row.attestation) return {...state, notice: `${escapeText(row.digest.slice(0, 19))} is an attestation (provenance or SBOM of an image), not a platform`};
	if (row.missing) return {...state, notice: `${escapeText(row.text, 60)} is listed in the index, but its image is not in the archive: pull that platform before saving the image`};
	// One load at a time: the list is there at once, a switch once this image is whole.
	const pending = state.data.image.pending;
	if (pending) return {...state, notice: `switching platforms waits until this image has loaded: ${pending.stacked} of ${state.data.layerCount} layers are stacked so far`};
	return {...state, overlay: null, effect: {kind: 'switch-platform', id: nextEffectId(), digest: row.digest}};
}

export const platformsHandler: OverlayHandler<PlatformsOverlay> = {
	kind: 'platforms',
	opens: ['open-platforms'],
	open: state => {
		const rows = platformRows(state.data);
		if (rows.filter(row => !row.attestation).length < 2) return {...state, notice: `single-platform image (${escapeText(shownPlatform(state.data), 60)})`};
		return {...state, overlay: {kind: 'platforms', rows, cursor: Math.max(rows.findIndex(row => row.chosen), 0)}};
	},
	command: (state, overlay, command) => {
		switch (command) {
			case 'move-up':
			case 'move-down':
			case 'move-first':
			case 'move-last':
				return {...state, overlay: move(overlay, command)};
			case 'choose-platform':
				return choose(state, overlay);
			case 'close-platforms':
				return {...state, overlay: null};
			default:
				return state;
		}
	},
};
