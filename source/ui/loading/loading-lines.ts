import type {LayerProgress, LoadProgress} from '../../load/progress.js';
import {formatBytes} from '../../text/bytes.js';

export interface LoadingLine {
	label: string;
	/** 0..1, or null when the total is unknown. */
	fraction: number | null;
	detail: string;
	done: boolean;
}

const phaseText: Record<LoadProgress['phase'], string> = {
	opening: 'opening',
	reading: 'reading layers',
	analyzing: 'analyzing',
	done: 'preparing the view',
};

export function phaseLabel(progress: LoadProgress | null): string {
	return progress ? phaseText[progress.phase] : 'opening';
}

function layerLine(layer: LayerProgress, indexWidth: number): LoadingLine {
	const fraction = layer.cached ? 1 : layer.totalBytes ? Math.min(layer.bytesRead / layer.totalBytes, 1) : layer.done ? 1 : null;
	const bytes = layer.totalBytes ? `${formatBytes(layer.bytesRead)} / ${formatBytes(layer.totalBytes)}` : formatBytes(layer.bytesRead);
	return {
		label: `layer ${String(layer.index).padStart(indexWidth)}`,
		fraction,
		detail: layer.cached
			? `already exists (cache), ${layer.entries.toLocaleString('en-US')} entries`
			: `${bytes}${layer.kept ? ' from the kept blob' : ''}, ${layer.entries.toLocaleString('en-US')} entries${layer.done ? ', done' : ''}`,
		done: layer.done,
	};
}

/**
 * One line per layer, at most `rows`: when they do not all fit, layers still being read
 * come first and the finished ones are summed up in the last line.
 */
export function loadingLines(progress: LoadProgress | null, rows: number): LoadingLine[] {
	if (!progress || rows <= 0) return [];
	const indexWidth = String(Math.max(progress.layers.length - 1, 0)).length;
	const layers = progress.layers;
	if (layers.length <= rows) return layers.map(layer => layerLine(layer, indexWidth));
	const active = layers.filter(layer => !layer.done);
	const done = layers.filter(layer => layer.done);
	const lines = active.slice(0, rows - 1).map(layer => layerLine(layer, indexWidth));
	const rest = layers.length - lines.length;
	const restDone = done.length;
	lines.push({label: `+${rest} more`, fraction: null, detail: `${restDone} done`, done: false});
	return lines;
}

/** Totals over all layers: "12.3 MB read, 4,567 entries". */
export function loadingTotals(progress: LoadProgress | null): string {
	if (!progress) return '';
	const bytes = progress.layers.reduce((sum, layer) => sum + layer.bytesRead, 0);
	const entries = progress.layers.reduce((sum, layer) => sum + layer.entries, 0);
	const done = progress.layers.filter(layer => layer.done).length;
	const seconds = progress.elapsedMs / 1000;
	// Bytes of stored blobs per second: download speed for a registry, read speed otherwise.
	const speed = seconds > 0.5 ? `, ${formatBytes(Math.round(bytes / seconds))}/s` : '';
	return `${formatBytes(bytes)} read${speed}, ${entries.toLocaleString('en-US')} entries, ${done}/${progress.layers.length} layers done, ${seconds.toFixed(1)} s`;
}
