import type {ImageModel} from '../../model/types.js';
import {versionAt} from '../../model/query.js';
import {imageIdentity, type ImageIdentity} from '../../sources/identity.js';
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
	const {handle, analysis, model, warnings, pending} = data.image;
	const config = handle.config;
	const platform = handle.platform ?? (config.os ? {os: config.os, architecture: config.architecture ?? '', variant: config.variant} : null);
	const {dive, reclaimable} = analysis;
	// An archive's path says less than the tag inside it.
	const tag = handle.tags.find(t => t !== handle.reference);
	const identity = imageIdentity(handle);
	const lines: ImageDetailLine[] = [
		{label: 'Image', value: tag ? `${escapeText(handle.reference)} (${escapeText(tag)})` : escapeText(handle.reference), essential: true},
		{label: 'Digest', value: digestValue(identity), essential: false},
		{label: 'Platform', value: platform ? escapeText(formatPlatform(platform)) : 'unknown', essential: false},
		{label: 'Size', value: pending ? `loading: ${pending.stacked} of ${model.layerCount} layers stacked${pending.partial ? `, layer ${pending.stacked} in part` : ''}` : `${formatBytes(dive.sizeBytes)} in ${model.layerCount} layers`, tone: pending ? 'muted' : undefined, essential: false},
		{label: 'Paths', value: pending ? `${model.nodeCount.toLocaleString('en-US')} so far` : pathCounts(model), essential: false},
		{label: 'Pinned', value: identity.pinnedReference ? escapeText(identity.pinnedReference) : 'none (i says why)', tone: identity.pinnedReference ? undefined : 'muted', essential: false},
		// Both need every layer: until then they say so rather than show a figure that will change.
		pending
			? {label: 'Efficiency', value: 'loading (known when every layer is stacked)', tone: 'muted', essential: true}
			: {
					label: 'Efficiency',
					value: `${formatPercent(dive.efficiency)}, ${formatBytes(dive.wastedBytes)} wasted, ${formatPercent(dive.userWastedPercent)} of user layers (dive)`,
					tone: dive.efficiency >= 0.95 ? 'good' : dive.efficiency >= 0.9 ? undefined : 'warning',
					essential: true,
				},
		pending
			? {label: 'Reclaimable', value: 'loading (known when every layer is stacked)', tone: 'muted', essential: true}
			: {
					label: 'Reclaimable',
					value: `${formatBytes(reclaimable.totalBytes)} stored but hidden in the final image`,
					tone: reclaimable.totalBytes > 0 ? 'warning' : 'good',
					essential: true,
				},
	];
	if (warnings.length > 0) lines.push({label: 'Warnings', value: `${warnings.length}: ${oneLine(warnings[0]!)}`, tone: 'warning', essential: false});
	return lines;
}

/** Which digest this is, first: a manifest digest, or (docker save keeps no manifest) the image ID. */
function digestValue(identity: ImageIdentity): string {
	if (identity.manifestDigest) return `manifest ${escapeText(identity.manifestDigest)}${identity.indexDigest ? ' (in an index)' : ''}`;
	if (identity.imageId) return `image ID ${escapeText(identity.imageId)} (the config's, as docker images shows)`;
	return 'unknown';
}

const finalCounts = new WeakMap<ImageModel, number>();

/**
 * The final filesystem's paths, and every path any layer wrote (model.nodeCount: removed
 * ones and implied parent directories too) — two figures that otherwise look like a mistake.
 */
function pathCounts(model: ImageModel): string {
	let final = finalCounts.get(model);
	if (final === undefined) {
		final = countFinalPaths(model);
		finalCounts.set(model, final);
	}
	const across = model.nodeCount === final ? '' : `, ${model.nodeCount.toLocaleString('en-US')} across layers`;
	return `${final.toLocaleString('en-US')} in the final image${across}`;
}

function countFinalPaths(model: ImageModel): number {
	const last = model.layerCount - 1;
	let count = 0;
	const stack = [model.root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node !== model.root) {
			// What an absent directory held is absent too, as peel.files walks it.
			if (!versionAt(node, last)) continue;
			count++;
		}
		if (node.children) for (const child of node.children.values()) stack.push(child);
	}
	return count;
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
