import type {Command} from '../keymap/commands.js';
import type {ExplorerState} from '../state/explorer-state.js';
import {explainHandler} from './explain/explain-handler.js';
import {inspectHandler} from './inspect/inspect-handler.js';
import {largestHandler} from './largest/largest-handler.js';
import type {Overlay} from './overlay.js';
import type {OverlayHandler} from './overlay-handler.js';
import {platformsHandler} from './platforms/platforms-handler.js';
import {storyHandler} from './story/story-handler.js';

const handlers = [largestHandler, storyHandler, inspectHandler, platformsHandler, explainHandler] as OverlayHandler[];

function handlerOf(overlay: Overlay): OverlayHandler {
	return handlers.find(handler => handler.kind === overlay.kind)!;
}

/** The explorer's command that opens an overlay, or null when `command` opens none. */
export function openOverlay(state: ExplorerState, command: Command): ExplorerState | null {
	const handler = handlers.find(candidate => candidate.opens.includes(command));
	if (!handler) return null;
	if (handler.needsEveryLayer && state.data.image.pending) {
		return {...state, notice: `${handler.needsEveryLayer} needs every layer: ${state.data.image.pending.stacked} of ${state.data.layerCount} are stacked so far (it opens once the image is loaded)`};
	}
	return handler.open(state, command);
}

/** A command while an overlay is open. */
export function overlayCommand(state: ExplorerState, command: Command): ExplorerState {
	return state.overlay ? handlerOf(state.overlay).command(state, state.overlay, command) : state;
}

/** Text typed while an overlay is open and no key matched. */
export function overlayText(state: ExplorerState, text: string): ExplorerState {
	if (!state.overlay) return state;
	const handler = handlerOf(state.overlay);
	return handler.text ? handler.text(state, state.overlay, text) : state;
}
