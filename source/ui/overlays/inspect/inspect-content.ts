import type {ImageHandle} from '../../../sources/image-handle.js';
import type {ExplorerState} from '../../state/explorer-state.js';
import {inspectLines, type InspectLine} from './inspect-lines.js';

const cache = new WeakMap<ImageHandle, {width: number; lines: InspectLine[]}>();

/** The lines at this width, made once per image and width (the reducer and the view both ask). */
export function inspectContent(handle: ImageHandle, width: number): InspectLine[] {
	const hit = cache.get(handle);
	if (hit && hit.width === width) return hit.lines;
	const lines = inspectLines(handle, width);
	cache.set(handle, {width, lines});
	return lines;
}

/** Text lines under the title: the body less its title, which is the viewer's rows and one (the viewer has a status line too). */
export function inspectTextRows(state: ExplorerState): number {
	return Math.max((state.viewport.viewerRows ?? 20) + 1, 1);
}

export function inspectWidth(state: ExplorerState): number {
	return state.viewport.columns ?? 80;
}
