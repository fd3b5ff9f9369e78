import type {ImageComparison, ImageTotals} from '../compare/types.js';
import {formatBytes} from '../text/bytes.js';
import {escapeText} from '../text/escape.js';

const MAX_PATHS = 20;
/** Config values are shown whole up to this, then cut. */
const MAX_VALUE = 200;

export function signedBytes(delta: number): string {
	return delta === 0 ? '±0 B' : `${delta > 0 ? '+' : '−'}${formatBytes(Math.abs(delta))}`;
}

function signed(delta: number): string {
	return delta === 0 ? '±0' : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`;
}

function efficiency(value: number | null): string {
	return value === null ? 'unknown' : `${(value * 100).toFixed(2)} %`;
}

function totalsLines(old: ImageTotals, next: ImageTotals): string[] {
	const bytes = (label: string, a: number, b: number) => `  ${label.padEnd(16)}${formatBytes(a).padStart(10)} → ${formatBytes(b).padStart(10)}  (${signedBytes(b - a)})`;
	const count = (label: string, a: number, b: number) => `  ${label.padEnd(16)}${String(a).padStart(10)} → ${String(b).padStart(10)}  (${signed(b - a)})`;
	return [
		bytes('size', old.sizeBytes, next.sizeBytes),
		bytes('compressed', old.compressedSizeBytes, next.compressedSizeBytes),
		count('layers', old.layerCount, next.layerCount),
		count('files', old.fileCount, next.fileCount),
		`  ${'efficiency'.padEnd(16)}${efficiency(old.efficiencyScore).padStart(10)} → ${efficiency(next.efficiencyScore).padStart(10)}`,
		bytes('reclaimable', old.reclaimableBytes, next.reclaimableBytes),
	];
}

function sizeDelta(file: ImageComparison['files'][number]): number {
	const size = (s: typeof file.old) => (s && s.type !== 'dir' ? s.size : 0);
	return size(file.new) - size(file.old);
}

/** What changed about a modified path, in a word or two. */
function how(file: ImageComparison['files'][number]): string {
	if (file.change !== 'modified') return file.change;
	if (file.old!.type !== file.new!.type) return `${file.old!.type} → ${file.new!.type}`;
	const parts: string[] = [];
	if (file.contentChanged) parts.push(file.new!.type === 'symlink' ? 'link target' : 'content');
	if (file.metadataChanged) parts.push('mode/owner');
	return parts.join(' + ');
}

export function shownValue(value: unknown): string {
	return value === null ? '(none)' : escapeText(JSON.stringify(value), MAX_VALUE);
}

/**
 * The concise report for logs and pipes: totals of both images, the shared base and
 * pull cost, the largest path deltas, config changes. Every string from an image is escaped.
 */
export function formatDiffText(comparison: ImageComparison): string {
	const {old, new: next} = comparison;
	const lines: string[] = [];
	lines.push(`old: ${escapeText(old.reference)}${old.digest ? ` (${old.digest.slice(0, 19)})` : ''}${old.platform ? ` ${escapeText(old.platform)}` : ''}`);
	lines.push(`new: ${escapeText(next.reference)}${next.digest ? ` (${next.digest.slice(0, 19)})` : ''}${next.platform ? ` ${escapeText(next.platform)}` : ''}`);
	lines.push(...totalsLines(old, next));
	const notInOld = next.layerCount - comparison.layersAlreadyPresent;
	lines.push(`shared layers: ${comparison.sharedLayers} (leading layers with equal diff_id)`);
	lines.push(`pull over old: ${formatBytes(comparison.pullBytes)} in ${notInOld} layer${notInOld === 1 ? '' : 's'}; ${comparison.layersAlreadyPresent} already exist`);
	const added = comparison.files.filter(f => f.change === 'added').length;
	const removed = comparison.files.filter(f => f.change === 'removed').length;
	const modified = comparison.files.length - added - removed;
	lines.push(`paths: ${added} added, ${removed} removed, ${modified} modified`);
	const largest = comparison.files
		.filter(f => (f.old !== null && f.old.type !== 'dir') || (f.new !== null && f.new.type !== 'dir'))
		.map(f => ({file: f, delta: sizeDelta(f)}))
		.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.file.path < b.file.path ? -1 : 1))
		.slice(0, MAX_PATHS);
	if (largest.length > 0) {
		lines.push(`largest changes:`);
		for (const {file, delta} of largest) lines.push(`${signedBytes(delta).padStart(10)}  ${how(file).padEnd(20)}  ${escapeText(file.path)}`);
	}
	const fields = Object.entries(comparison.config);
	if (fields.length > 0) {
		lines.push('config changes:');
		for (const [field, {old: a, new: b}] of fields) lines.push(`  ${field}: ${shownValue(a)} → ${shownValue(b)}`);
	} else {
		lines.push('config changes: none');
	}
	return lines.join('\n') + '\n';
}
