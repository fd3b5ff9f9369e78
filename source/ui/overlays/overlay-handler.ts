import type {Command} from '../keymap/commands.js';
import type {ExplorerState} from '../state/explorer-state.js';
import type {Overlay} from './overlay.js';

/**
 * One full-screen panel over the explorer (largest files, a file's story, the config,
 * the platforms, explain). Each lives in its own folder: its state, its keys (a part of
 * the one keymap, in a scope named after its kind), this handler and a view.
 */
export interface OverlayHandler<O extends Overlay = Overlay> {
	kind: O['kind'];
	/** Commands that open it from the explorer (bound in the explorer's scopes). */
	opens: readonly Command[];
	/**
	 * What it shows, when that needs every layer stacked (its figures, or another load):
	 * while the image loads it does not open, and the notice names it.
	 */
	needsEveryLayer?: string;
	/** Opens it (or returns the state with a notice when there is nothing to show). */
	open(state: ExplorerState, command: Command): ExplorerState;
	/** A command while it is open; its keys resolve in the scope named `kind`. */
	command(state: ExplorerState, overlay: O, command: Command): ExplorerState;
	/** Printable text typed while it is open and no key matched (for its own prompt, if any). */
	text?(state: ExplorerState, overlay: O, text: string): ExplorerState;
}
