import os from 'node:os';
import {analyzeImage} from '../analysis/analyze.js';
import {PeelError} from '../errors.js';
import type {LayerContents} from '../layers/layer-entry.js';
import {readLayer} from '../layers/read-layer.js';
import {buildModel} from '../model/build.js';
import {mapHistory} from '../model/history.js';
import type {ImageHandle, LayerHandle} from '../sources/image-handle.js';
import type {AnalyzedImage} from './analyzed-image.js';
import type {LoadProgress, ProgressListener} from './progress.js';

export interface LoadOptions {
	onProgress?: ProgressListener;
	signal?: AbortSignal;
	/** Layers read at once; decompression runs on libuv's thread pool, so a few more than the cores pays. */
	concurrency?: number;
}

const PROGRESS_INTERVAL_MS = 100;

export function layerLabel(layer: LayerHandle): string {
	const id = layer.digest ?? layer.diffId;
	return `layer ${layer.index}${id ? ` (${id.slice(0, 19)})` : ''}`;
}

/** Reads every layer (concurrently, verified), stacks them and analyses the result. */
export async function loadImage(handle: ImageHandle, options: LoadOptions = {}): Promise<AnalyzedImage> {
	const started = Date.now();
	const progress: LoadProgress = {
		phase: 'reading',
		reference: handle.reference,
		layers: handle.layers.map(layer => ({index: layer.index, bytesRead: 0, totalBytes: layer.size, entries: 0, done: false})),
		elapsedMs: 0,
	};
	let lastEmit = 0;
	const emit = (force = false) => {
		const now = Date.now();
		if (!options.onProgress || (!force && now - lastEmit < PROGRESS_INTERVAL_MS)) return;
		lastEmit = now;
		options.onProgress({...progress, layers: progress.layers.map(l => ({...l})), elapsedMs: now - started});
	};
	emit(true);

	const signal = options.signal;
	const cancelled = () => new PeelError('cancelled', 130);
	const concurrency = options.concurrency ?? Math.max(2, Math.min(6, os.availableParallelism() + 2));
	const contents: LayerContents[] = new Array(handle.layers.length);
	// The same blob may appear twice in one image: read it once.
	const reads = new Map<string, Promise<LayerContents>>();
	let next = 0;

	const readOne = async (layer: LayerHandle): Promise<LayerContents> => {
		if (signal?.aborted) throw cancelled();
		const stream = await layer.open();
		const abort = () => stream.destroy(cancelled());
		signal?.addEventListener('abort', abort, {once: true});
		try {
			return await readLayer(stream, {
				label: layerLabel(layer),
				expectedDigest: layer.digest,
				expectedDiffId: layer.diffId,
				expectedSize: layer.size,
				onProgress: (bytes, entries) => {
					const p = progress.layers[layer.index]!;
					p.bytesRead = bytes;
					p.entries = entries;
					emit();
				},
			});
		} finally {
			signal?.removeEventListener('abort', abort);
			if (!stream.destroyed) stream.destroy();
		}
	};

	const worker = async () => {
		while (next < handle.layers.length) {
			const layer = handle.layers[next++]!;
			const key = layer.digest && layer.diffId ? `${layer.digest}|${layer.diffId}` : null;
			let read = key ? reads.get(key) : undefined;
			if (!read) {
				read = readOne(layer);
				if (key) reads.set(key, read);
			}
			contents[layer.index] = await read;
			progress.layers[layer.index]!.done = true;
			emit(true);
		}
	};
	await Promise.all(Array.from({length: Math.min(concurrency, handle.layers.length)}, worker)).catch(error => {
		if (signal?.aborted) throw cancelled();
		throw error;
	});

	progress.phase = 'analyzing';
	emit(true);
	const model = buildModel(contents.map(c => c.entries));
	const analysis = analyzeImage(model, contents);
	const history = mapHistory(handle.config.history, handle.layers.length);
	progress.phase = 'done';
	emit(true);
	const warnings = [
		...handle.warnings,
		...(history.mismatch ? [history.mismatch] : []),
		...contents.flatMap(c => c.warnings),
		...model.warnings,
	];
	return {handle, layers: contents, model, analysis, history, warnings: [...new Set(warnings)]};
}
