import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import type {ExplorerData} from '../state/explorer-data.js';
import type {LayerListRow} from './layer-list.js';

/** A history command on one row: line breaks and tabs as spaces, other controls escaped, cut far past any width. */
function commandText(command: string): string {
	return escapeText(command.replace(/\s+/g, ' '), 1000);
}

/** Display text of one Layers pane row (without the cursor column). */
export function layerRowText(data: ExplorerData, row: LayerListRow, narrow: boolean): string {
	const indexWidth = String(Math.max(data.layerCount - 1, 0)).length;
	if (row.kind === 'step') {
		// Metadata-only steps sit between the layers, indented under the size column.
		return `${' '.repeat(indexWidth)}  ${''.padStart(8)}  ${commandText(row.step.command) || '(empty)'}`;
	}
	const size = formatBytes(data.image.model.layers[row.layer]?.sizeBytes ?? 0).padStart(8);
	const index = String(row.layer).padStart(indexWidth);
	if (narrow) return `${index}  ${size}`;
	const command = row.step ? commandText(row.step.command) || '(empty)' : '(no history)';
	return `${index}  ${size}  ${command}`;
}
