import type {LoadProgress} from '../../load/progress.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import type {ExplorerData} from '../state/explorer-data.js';
import type {LayerListRow} from './layer-list.js';
import {shareBar} from './share-bar.js';
import {loadingCell, loadingCellWidth} from './loading-cell.js';

/** Cells of the share bar. */
const BAR = 6;
/** The command keeps at least this many columns: the stored size and the share bar show only where they leave it that. */
const COMMAND_ROOM = 24;

/** Widths of the Layers pane's columns, sized to what they hold. */
export interface LayerColumns {
	index: number;
	size: number;
	/** 0 when the pane is too narrow for the stored size and the share bar. */
	stored: number;
	bar: number;
	/** Where the command starts. */
	command: number;
}

function storedBytes(data: ExplorerData, layer: number): number {
	// Not stacked yet: the blob's size as the manifest gives it.
	return data.image.layers[layer]?.compressedSize ?? data.image.handle.layers[layer]?.size ?? 0;
}

/** Set while the image loads: the layer is not stacked yet, so its size is not known. */
function isPending(data: ExplorerData, layer: number): boolean {
	const pending = data.image.pending;
	return pending !== undefined && layer >= pending.stacked;
}

export function layerColumns(data: ExplorerData, width: number): LayerColumns {
	const index = Math.max(String(Math.max(data.layerCount - 1, 0)).length, 1);
	let size = data.image.pending ? loadingCellWidth : 'Size'.length;
	let stored = 'Stored'.length;
	for (let layer = 0; layer < data.layerCount; layer++) {
		size = Math.max(size, formatBytes(data.image.model.layers[layer]?.sizeBytes ?? 0).length);
		stored = Math.max(stored, formatBytes(storedBytes(data, layer)).length);
	}
	const command = index + 2 + size + 2 + stored + 2 + BAR + 2;
	if (width - command < COMMAND_ROOM) return {index, size, stored: 0, bar: 0, command: index + 1 + size + 1};
	return {index, size, stored, bar: BAR, command};
}

/** The column names: "Size" is the files' bytes as the tar stores them (dive's size), "Stored" the blob as pulled. */
export function layerHeaderText(columns: LayerColumns): string {
	const size = 'Size'.padStart(columns.size);
	if (columns.stored === 0) return `${'#'.padStart(columns.index)} ${size} Command`;
	return `${'#'.padStart(columns.index)}  ${size}  ${'Stored'.padStart(columns.stored)}  ${'Share'.padEnd(columns.bar)}  Command`;
}

/** A history command on one row: line breaks and tabs as spaces, other controls escaped, cut far past any width. */
function commandText(command: string): string {
	return escapeText(command.replace(/\s+/g, ' '), 1000);
}

/** Display text of one Layers pane row (without the cursor column). */
export function layerRowText(data: ExplorerData, row: LayerListRow, columns: LayerColumns, totalBytes: number, progress: LoadProgress | null = null): string {
	// Metadata-only steps sit between the layers, under the command column.
	if (row.kind === 'step') return `${' '.repeat(columns.command)}${commandText(row.step.command) || '(empty)'}`;
	const bytes = data.image.model.layers[row.layer]?.sizeBytes ?? 0;
	const index = String(row.layer).padStart(columns.index);
	const pending = isPending(data, row.layer);
	const size = (pending ? loadingCell(progress?.layers[row.layer]) : formatBytes(bytes)).padStart(columns.size);
	const command = row.step ? commandText(row.step.command) || '(empty)' : '(no history)';
	if (columns.stored === 0) return `${index} ${size} ${command}`;
	const stored = formatBytes(storedBytes(data, row.layer)).padStart(columns.stored);
	const share = pending ? ' '.repeat(columns.bar) : shareBar(bytes, totalBytes, columns.bar);
	return `${index}  ${size}  ${stored}  ${share}  ${command}`;
}

/** Σ layer sizes: the whole a layer's share is of. */
export function imageBytes(data: ExplorerData): number {
	let total = 0;
	for (const layer of data.image.model.layers) total += layer.sizeBytes;
	return total;
}
