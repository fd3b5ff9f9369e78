// First: React must load in production mode (see react-production.ts); modules below may load it.
import '../../source/ui/react-production.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {HeadlessExplorer, keyGapMs, pause} from './tui-headless.js';

const down = '\u001B[B';
const up = '\u001B[A';
const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);

/**
 * What a user does in a session: walk the layers (each step recomputes the tree), switch
 * views, move through the tree, page, collapse and expand, sort, hide, filter. Every key
 * changes what is on screen, so every key produces a frame.
 */
function keySequence(layerCount: number): string[] {
	const layerSteps = Math.min(Math.max(layerCount - 1, 1), 12);
	return [
		...Array<string>(layerSteps).fill(down),
		ctrl('a'),
		...Array<string>(Math.min(layerSteps, 4)).fill(up),
		ctrl('l'),
		'\t',
		...Array<string>(10).fill(down),
		'\u001B[6~',
		'\u001B[6~',
		'\u001B[5~',
		'j',
		'k',
		'\u001B[F',
		'\u001B[H',
		// The first row is a directory: collapse it, expand it.
		' ',
		' ',
		ctrl('o'),
		ctrl('o'),
		ctrl('u'),
		ctrl('u'),
		ctrl('b'),
		ctrl('b'),
		'/',
		'l',
		'i',
		'b',
		// Enter applies what typing left pending (big trees filter when typing pauses).
		'\r',
		'/',
		'\u001B',
		'\t',
		down,
	];
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
	return sorted[rank]!;
}

export interface KeyLatency {
	medianMs: number;
	p95Ms: number;
	keys: number;
}

/**
 * Key → frame latency of the real <App> rendered headlessly (tui-headless.ts), in a
 * 160×48 terminal unless told otherwise: the time from a keypress to the frame Ink writes
 * for it, from when the key was due (a key held back by work between keys counts). Keys are
 * spaced beyond Ink's frame throttle so that each is measured on its own, not queued; a key
 * that changes nothing on screen (no frame within a second) is not counted.
 */
export async function measureKeyLatency(image: AnalyzedImage, options: {columns?: number; rows?: number} = {}): Promise<KeyLatency> {
	const explorer = new HeadlessExplorer(image, options.columns ?? 160, options.rows ?? 48);
	const samples: number[] = [];
	try {
		await pause(100);
		for (const key of keySequence(image.model.layerCount)) {
			// Timed from when the key is due: work the explorer does between keys (computing ahead) and that holds a key back counts.
			const due = performance.now() + keyGapMs;
			await pause(keyGapMs);
			const late = Math.max(performance.now() - due, 0);
			const ms = await explorer.press(key);
			if (ms !== null) samples.push(late + ms);
		}
	} finally {
		explorer.unmount();
	}
	// Fewer than half the keys answered: the explorer is not running as measured, not fast.
	if (samples.length < keySequence(image.model.layerCount).length / 2) throw new Error(`only ${samples.length} keys drew a frame`);
	samples.sort((a, b) => a - b);
	return {medianMs: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95), keys: samples.length};
}
