import type {ReclaimableItem, WasteReason} from '../../analysis/types.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';

export interface WorstFileRow {
	size: string;
	/** "2→5": stored by layer 2, hidden by layer 5. */
	layers: string;
	why: string;
	path: string;
}

const reasonLabel: Record<WasteReason, string> = {
	overwritten: 'overwritten',
	removed: 'removed',
	'rewritten-unchanged': 'rewritten',
	'metadata-only': 'chmod/chown',
};

/** The largest reclaimable items (already sorted largest first by the analysis). */
export function worstFileRows(items: ReclaimableItem[], limit: number): WorstFileRow[] {
	return items.slice(0, Math.max(limit, 0)).map(item => ({
		size: formatBytes(item.bytes),
		layers: `${item.layer}→${item.hiddenBy}`,
		why: reasonLabel[item.reason] ?? item.reason,
		// Escaped whole: the table keeps the path's end, where its name is.
		path: escapeText(item.path, Infinity),
	}));
}
