import type {OverlayHandler} from '../overlay-handler.js';
import type {PlatformsOverlay} from './platforms-state.js';

export const platformsHandler: OverlayHandler<PlatformsOverlay> = {
	kind: 'platforms',
	opens: ['open-platforms'],
	open: state => ({...state, notice: 'not there yet'}),
	command: state => ({...state, overlay: null}),
};
