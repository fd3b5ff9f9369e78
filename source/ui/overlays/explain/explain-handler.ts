import type {OverlayHandler} from '../overlay-handler.js';
import type {ExplainOverlay} from './explain-state.js';

export const explainHandler: OverlayHandler<ExplainOverlay> = {
	kind: 'explain',
	opens: ['open-explain'],
	open: state => ({...state, notice: 'not there yet'}),
	command: state => ({...state, overlay: null}),
};
