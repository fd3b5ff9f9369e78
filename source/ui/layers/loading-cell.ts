import type {LayerProgress} from '../../load/progress.js';
import {formatBytes} from '../../text/bytes.js';

/**
 * What a layer row says in its Size column while the layer is not stacked yet: how far
 * its read got ("37%", or the bytes read when the source gave no size), "read" when it
 * waits for a layer below it, "cached" when the analysis cache has it, "queued" before.
 */
export function loadingCell(progress: LayerProgress | undefined): string {
	if (!progress) return 'queued';
	if (progress.done) return progress.cached ? 'cached' : 'read';
	if (progress.bytesRead === 0) return 'queued';
	if (progress.totalBytes) return `${Math.min(99, Math.floor((progress.bytesRead / progress.totalBytes) * 100))}%`;
	return formatBytes(progress.bytesRead);
}

/** The widest loadingCell can be (a byte count aside). */
export const loadingCellWidth = 'queued'.length;
