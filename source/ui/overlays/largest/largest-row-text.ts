import type {StoredFile} from '../../../analysis/largest-files.js';
import type {WasteReason} from '../../../analysis/types.js';
import {formatBytes} from '../../../text/bytes.js';
import {escapeText} from '../../../text/escape.js';
import {thresholdLabels, type LargestOverlay} from './largest-state.js';

/** One list row's cells, as plain text (the view colours them). */
export interface LargestCells {
	size: string;
	layer: string;
	change: string;
	/** "visible", or who hid it: "removed by 2", "overwritten in 1"… */
	end: string;
	/** The same in at most 9 columns: "visible", "hid by 2", "hardlink". */
	shortEnd: string;
	endKind: 'visible' | 'hidden' | 'linked';
	reclaimable: string;
	/** Escaped whole; the view keeps its end, where the name is. */
	path: string;
}

const hiddenHow: Record<WasteReason, string> = {
	overwritten: 'overwritten',
	removed: 'removed',
	'rewritten-unchanged': 'rewritten',
	'metadata-only': 'chmod/chown',
};

const changeWord = {added: 'added', modified: 'modified', unchanged: 'unchanged', removed: 'removed'} as const;

export function largestCells(row: StoredFile): LargestCells {
	const hidden = row.hidden;
	let end = 'visible';
	let shortEnd = 'visible';
	let endKind: LargestCells['endKind'] = 'visible';
	if (hidden) {
		shortEnd = hidden.keptByLink ? 'hardlink' : `hid ${hidden.layer === row.layer ? 'in' : 'by'} ${hidden.layer}`;
		endKind = hidden.keptByLink ? 'linked' : 'hidden';
		// Its own layer hid it: the tar held the path twice (the last copy wins).
		end = hidden.keptByLink ? 'kept by a hardlink' : `${hiddenHow[hidden.reason]} ${hidden.layer === row.layer ? 'in' : 'by'} ${hidden.layer}`;
	}
	return {
		size: formatBytes(row.size),
		layer: String(row.layer),
		change: changeWord[row.change],
		end,
		shortEnd,
		endKind,
		reclaimable: row.reclaimable > 0 ? formatBytes(row.reclaimable) : '–',
		path: escapeText(row.node.path, Infinity),
	};
}

/** "any size", "≥ 1 MB". */
export function thresholdLabel(index: number): string {
	return thresholdLabels[index] ?? thresholdLabels[0];
}

/** The title's state: "12/1000 · by size · ≥ 1 MB" (the position first: a narrow title cuts the end). */
export function largestInfo(overlay: LargestOverlay): string {
	const order = overlay.order === 'size' ? 'by size' : 'by reclaimable';
	const at = overlay.rows.length === 0 ? 0 : overlay.cursor + 1;
	return `${at}/${overlay.rows.length} · ${order} · ${thresholdLabel(overlay.threshold)}`;
}

/** Keeps the end of a path, where its name is: "…/lib/libfoo.so". */
export function keepEnd(text: string, width: number): string {
	if (width <= 0) return '';
	if (text.length <= width) return text;
	let start = text.length - width + 1;
	// Never start on the second half of a surrogate pair.
	if (/[\uDC00-\uDFFF]/.test(text[start] ?? '')) start++;
	return `…${text.slice(start)}`;
}
