import type {ExplorerState} from '../state/explorer-state.js';
import type {Overlay} from './overlay.js';

export interface OverlayViewProps<O extends Overlay = Overlay> {
	state: ExplorerState;
	overlay: O;
	width: number;
	/** Lines it may use, its title included (the key-hints line is below it). */
	rows: number;
}
