import {formatPlatform} from '../../sources/platform.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText, oneLine} from '../../text/escape.js';
import {formatPercent} from '../format/percent.js';
import type {ExplorerData} from '../state/explorer-data.js';
import type {DetailLine} from './detail-line.js';

/** A summary line; essential ones stay when the pane is short, the others yield to the worst-files table. */
export interface ImageDetailLine extends DetailLine {
	essential: boolean;
}

/** The summary lines of the Image details pane (the worst-files table follows them). */
export function imageDetailLines(data: ExplorerData): ImageDetailLine[] {
	const {handle, analysis, model, warnings} = data.image;
	const config = handle.config;
	const platform = handle.platform ?? (config.os ? {os: config.os, architecture: config.architecture ?? '', variant: config.variant} : null);
	const {dive, reclaimable} = analysis;
	// An archive's path says less than the tag inside it.
	const tag = handle.tags.find(t => t !== handle.reference);
	const lines: ImageDetailLine[] = [
		{label: 'Image', value: tag ? `${escapeText(handle.reference)} (${escapeText(tag)})` : escapeText(handle.reference), essential: true},
		{label: 'Digest', value: handle.digest ? escapeText(handle.digest) : 'unknown', essential: false},
		{label: 'Platform', value: platform ? escapeText(formatPlatform(platform)) : 'unknown', essential: false},
		{
			label: 'Size',
			value: `${formatBytes(dive.sizeBytes)} in ${model.layerCount} layers, ${model.nodeCount.toLocaleString('en-US')} paths`,
			essential: false,
		},
		{
			label: 'Efficiency',
			value: `${formatPercent(dive.efficiency)}, ${formatBytes(dive.wastedBytes)} wasted, ${formatPercent(dive.userWastedPercent)} of user layers (dive)`,
			tone: dive.efficiency >= 0.95 ? 'good' : dive.efficiency >= 0.9 ? undefined : 'warning',
			essential: true,
		},
		{
			label: 'Reclaimable',
			value: `${formatBytes(reclaimable.totalBytes)} stored but hidden in the final image`,
			tone: reclaimable.totalBytes > 0 ? 'warning' : 'good',
			essential: true,
		},
	];
	if (warnings.length > 0) lines.push({label: 'Warnings', value: `${warnings.length}: ${oneLine(warnings[0]!)}`, tone: 'warning', essential: false});
	return lines;
}

/** How the pane's rows are shared: which summary lines to show and how many table rows (header included). */
export function imageDetailsPlan(lines: ImageDetailLine[], items: number, rows: number): {lines: ImageDetailLine[]; tableRows: number} {
	const essential = lines.filter(line => line.essential).length;
	const optional = lines.length - essential;
	const room = Math.max(rows - essential, 0);
	const wanted = items > 0 ? items + 1 : 1;
	const tableRows = Math.min(wanted, Math.max(room - optional, Math.min(room, 4)));
	let optionalRoom = room - tableRows;
	const chosen = lines.filter(line => line.essential || optionalRoom-- > 0);
	return {lines: chosen.slice(0, rows), tableRows};
}
