import type {OverlayHandler} from '../overlay-handler.js';
import type {StoryOverlay} from './story-state.js';

export const storyHandler: OverlayHandler<StoryOverlay> = {
	kind: 'story',
	opens: ['open-story'],
	open: state => ({...state, notice: 'not there yet'}),
	command: state => ({...state, overlay: null}),
};
