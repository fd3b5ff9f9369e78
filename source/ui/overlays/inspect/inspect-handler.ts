import type {OverlayHandler} from '../overlay-handler.js';
import type {InspectOverlay} from './inspect-state.js';

export const inspectHandler: OverlayHandler<InspectOverlay> = {
	kind: 'inspect',
	opens: ['open-inspect'],
	open: state => ({...state, notice: 'not there yet'}),
	command: state => ({...state, overlay: null}),
};
