import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';
import {truncate, wrapText} from '../format/wrap.js';
import type {ExplorerData} from '../state/explorer-data.js';
import type {DetailLine} from './detail-line.js';

/** More than a details pane holds, however tall. */
const COMMAND_SHOWN = 20_000;

/** Longest label below and a space. */
const labelColumn = 8;

/**
 * The Layer details pane as lines, at most `rows` of them: the command first (wrapped,
 * leaving room for the rest), then identity, sizes and changes.
 */
export function layerDetailLines(data: ExplorerData, layer: number, width: number, rows: number): DetailLine[] {
	if (rows <= 0) return [];
	const {image} = data;
	const contents = image.layers[layer];
	const handle = image.handle.layers[layer];
	const step = image.history.layerSteps[layer] ?? null;
	const summary = image.model.layers[layer];
	const valueWidth = Math.max(width - labelColumn, 8);

	const facts: DetailLine[] = [];
	if (contents) {
		// The Layers pane's Size and Stored columns under the same names; the tar between them.
		facts.push({label: 'Size', value: `${formatBytes(summary?.sizeBytes ?? 0)} files, ${formatBytes(contents.uncompressedSize)} tar`});
		const how = contents.compression === 'none' ? 'uncompressed' : contents.compression;
		facts.push({label: 'Stored', value: `${formatBytes(contents.compressedSize)} ${how}`});
	}
	facts.push({label: 'Digest', value: escapeText(contents?.digest ?? handle?.digest ?? 'unknown')});
	facts.push({label: 'Diff ID', value: escapeText(contents?.diffId ?? handle?.diffId ?? 'unknown')});
	if (step?.created) facts.push({label: 'Created', value: escapeText(step.created)});
	if (summary) {
		facts.push({
			label: 'Changes',
			value: `${summary.added} added, ${summary.modified} modified, ${summary.removed} removed, ${summary.unchanged} rewritten unchanged`,
		});
	}
	const wasted = image.analysis.reclaimable.perLayer[layer] ?? 0;
	if (wasted > 0) facts.push({label: 'Hidden', value: `${formatBytes(wasted)} of it hidden by later layers`, tone: 'warning'});
	if (handle?.mediaType) facts.push({label: 'Media', value: escapeText(handle.mediaType)});
	if (step?.comment) facts.push({label: 'Comment', value: escapeText(step.comment)});
	if (step?.author) facts.push({label: 'Author', value: escapeText(step.author)});

	// Wrapped anyway, so line breaks and tabs become spaces; other controls are escaped.
	const command = step ? escapeText(step.command.replace(/\s+/g, ' '), COMMAND_SHOWN) || '(empty command)' : '(no history for this layer)';
	const commandLines = wrapText(command, valueWidth);
	const commandRoom = Math.max(1, rows - Math.min(facts.length, 4));
	const shown = commandLines.slice(0, commandRoom);
	// The last line that fits carries on with the rest of the command, cut at the edge.
	if (commandLines.length > commandRoom) shown[commandRoom - 1] = truncate(commandLines.slice(commandRoom - 1).join(' '), valueWidth);
	const lines: DetailLine[] = shown.map((value, i) => ({label: i === 0 ? 'Command' : '', value, tone: step ? undefined : 'muted'}));
	for (const fact of facts) {
		if (lines.length >= rows) break;
		lines.push(fact);
	}
	return lines;
}
