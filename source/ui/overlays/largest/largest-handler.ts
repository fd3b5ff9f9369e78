import type {OverlayHandler} from '../overlay-handler.js';
import type {LargestOverlay} from './largest-state.js';

export const largestHandler: OverlayHandler<LargestOverlay> = {
	kind: 'largest',
	opens: ['open-largest'],
	open: state => ({...state, notice: 'not there yet'}),
	command: state => ({...state, overlay: null}),
};
