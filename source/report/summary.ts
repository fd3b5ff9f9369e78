import type {AnalyzedImage} from '../load/analyzed-image.js';
import {formatPlatform} from '../sources/platform.js';
import {formatBytes} from '../text/bytes.js';
import {escapeText, oneLine} from '../text/escape.js';
import {percent} from './format.js';

/** A plain-text overview: the layers with their changes, the figures, the worst files. */
export function formatSummary(image: AnalyzedImage): string {
	const {handle, model, analysis, history, layers} = image;
	const lines: string[] = [];
	lines.push(`${escapeText(handle.reference)}${handle.platform ? ` (${escapeText(formatPlatform(handle.platform))})` : ''}`);
	lines.push('');
	lines.push('Layer   Size      +add  ~mod  -del  =same  Command');
	model.layers.forEach((summary, index) => {
		const step = history.layerSteps[index];
		lines.push(
			`${String(index).padStart(5)}  ${formatBytes(summary.sizeBytes).padStart(8)}  ${String(summary.added).padStart(4)}  ${String(summary.modified).padStart(4)}  ${String(summary.removed).padStart(4)}  ${String(summary.unchanged).padStart(5)}  ${escapeText(step?.command ?? '', 60)}`,
		);
	});
	lines.push('');
	lines.push(`Total size:        ${formatBytes(analysis.dive.sizeBytes)} (${formatBytes(layers.reduce((s, l) => s + l.compressedSize, 0))} stored)`);
	lines.push(`Efficiency:        ${percent(analysis.dive.efficiency)} (dive-compatible)`);
	lines.push(`Wasted bytes:      ${formatBytes(analysis.dive.wastedBytes)} (dive-compatible)`);
	lines.push(`Reclaimable bytes: ${formatBytes(analysis.reclaimable.totalBytes)}`);
	if (analysis.reclaimable.items.length) {
		lines.push('');
		lines.push('Reclaimable files:');
		for (const item of analysis.reclaimable.items.slice(0, 10)) {
			lines.push(`  ${formatBytes(item.bytes).padStart(8)}  ${escapeText(item.path)}  (layer ${item.layer}, ${item.reason} in layer ${item.hiddenBy})`);
		}
	}
	for (const warning of image.warnings) lines.push(`warning: ${oneLine(warning)}`);
	return lines.join('\n') + '\n';
}
