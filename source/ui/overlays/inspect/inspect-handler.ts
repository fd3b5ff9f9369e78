import {imageIdentity} from '../../../sources/identity.js';
import {nextEffectId} from '../../state/effects.js';
import type {ExplorerState} from '../../state/explorer-state.js';
import type {OverlayHandler} from '../overlay-handler.js';
import {inspectContent, inspectTextRows, inspectWidth} from './inspect-content.js';
import type {InspectOverlay} from './inspect-state.js';
import {scrollInspect} from './inspect-scroll.js';

/** `y`: the pinned reference to the clipboard, or why there is none. */
function copyPinned(state: ExplorerState): ExplorerState {
	const id = imageIdentity(state.data.image.handle);
	if (!id.pinnedReference) return {...state, notice: `no pinned reference: ${id.unpinned ?? 'unknown'}`};
	return {...state, effect: {kind: 'copy', id: nextEffectId(), text: id.pinnedReference, what: 'copied the pinned reference to the clipboard (OSC 52)'}};
}

export const inspectHandler: OverlayHandler<InspectOverlay> = {
	kind: 'inspect',
	opens: ['open-inspect'],
	open: state => ({...state, overlay: {kind: 'inspect', scroll: 0}}),
	command: (state, overlay, command) => {
		switch (command) {
			case 'move-up':
			case 'move-down':
			case 'page-up':
			case 'page-down':
			case 'move-first':
			case 'move-last': {
				const total = inspectContent(state.data.image.handle, inspectWidth(state)).length;
				return {...state, overlay: {...overlay, scroll: scrollInspect(overlay.scroll, command, inspectTextRows(state), total)}};
			}
			case 'copy-pinned':
				return copyPinned(state);
			case 'close-inspect':
				return {...state, overlay: null};
			default:
				return state;
		}
	},
};
