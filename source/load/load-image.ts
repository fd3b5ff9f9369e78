import os from 'node:os';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {DiveFigureBuilder, diveFigures} from '../analysis/dive-efficiency.js';
import type {DiveFigures} from '../analysis/types.js';
import type {AnalysisCache} from '../cache/analysis-cache.js';
import {reclaimableBytes} from '../analysis/reclaimable.js';
import {PeelError} from '../errors.js';
import type {CachedLayerReader} from '../cache/layer-codec.js';
import type {LayerContents, LayerEntry} from '../layers/layer-entry.js';
import {localFileOf} from '../layers/local-file.js';
import {readLayer} from '../layers/read-layer.js';
import {ModelBuilder} from '../model/build.js';
import {mapHistory} from '../model/history.js';
import type {ImageHandle, LayerHandle} from '../sources/image-handle.js';
import type {AnalyzedImage} from './analyzed-image.js';
import type {LoadProgress, ProgressListener} from './progress.js';

export interface LoadOptions {
	onProgress?: ProgressListener;
	signal?: AbortSignal;
	/** Layers read at once (decoding itself runs on a worker per core; more lets downloads overlap). */
	concurrency?: number;
	/**
	 * Layer reads shared with other loads running beside this one (two images compared):
	 * a blob they both have (same digest and diff_id) is read and decoded once.
	 */
	sharedReads?: Map<string, Promise<LayerContents>>;
	/** peel's analysis cache: layers found there are not read; layers read are stored there once the load is done. */
	cache?: AnalysisCache | null;
	/**
	 * Called each time one more layer is stacked (not after the last: the load's result
	 * follows), with a way to take the image so far — taking it walks the tree, so a
	 * caller that only shows it now and then calls it only then.
	 */
	onStacked?: (stacked: number, soFar: () => AnalyzedImage) => void;
	/**
	 * dive's figures of this very image, analysed before (the cache's record of it), read
	 * when the load is done: dive's tree is then not built (on the bench images a third of
	 * the main thread's stacking, and ~40 MB at the peak). When it gives null after all
	 * (the record went bad meanwhile), they are computed then, from the entries.
	 */
	knownDive?: {
		/** Whether there is a record (asked when entries first reach dive's tree, not before the first frame). */
		exists: () => boolean;
		read: () => DiveFigures | null;
	};
}

/** What a loading image shows for its figures: none yet (views check `pending` first). */
const PENDING_ANALYSIS: AnalyzedImage['analysis'] = {
	dive: {efficiency: 0, wastedBytes: 0, sizeBytes: 0, userSizeBytes: 0, userWastedPercent: 0, inefficientFiles: []},
	reclaimable: {totalBytes: 0, perLayer: [], items: []},
};

const PROGRESS_INTERVAL_MS = 100;
/** Entries of a cached layer 0 put into the model between two hand-overs to an early screen. */
const CACHED_SLICE = 16_384;
/**
 * The first slice is smaller: the first frame waits for it, and for the screen's pass over
 * the paths it made (the tree's index), which grows with it.
 */
const FIRST_CACHED_SLICE = 2048;
/** The longest the model work may hold the main thread while layers are still being read. */
const SLICE_MS = 10;

export function layerLabel(layer: LayerHandle): string {
	const id = layer.digest ?? layer.diffId;
	return `layer ${layer.index}${id ? ` (${id.slice(0, 19)})` : ''}`;
}

/**
 * Reads every layer (concurrently, verified), stacks them and analyses the result. Each
 * layer goes into the model and dive's figures as soon as it and all below it are read,
 * while the others are still being decoded.
 */
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
	const layerCount = handle.layers.length;
	const contents: LayerContents[] = new Array(layerCount);
	// The same blob may appear twice in one image (or in two images loaded together): read it once.
	const reads = options.sharedReads ?? new Map<string, Promise<LayerContents>>();
	// The biggest layer first (it takes longest), then in order: layers are stacked in
	// order, so one read late holds up all above it.
	const biggest = handle.layers.reduce<LayerHandle | null>((big, layer) => ((layer.size ?? 0) > (big?.size ?? 0) ? layer : big), null);
	// An early screen shows layer 0 as it arrives: that one first, then the biggest.
	const first = options.onStacked && handle.layers[0] ? [handle.layers[0], ...(biggest && biggest !== handle.layers[0] ? [biggest] : [])] : biggest ? [biggest] : [];
	const queue = [...first, ...handle.layers.filter(layer => !first.includes(layer))];
	const priority = new Map(queue.map((layer, position) => [layer, position]));

	const model = new ModelBuilder();
	let dive: DiveFigureBuilder | null | undefined;
	/** dive's tree, made when entries first reach it; null when its figures are known (see knownDive). */
	const diveTree = (): DiveFigureBuilder | null => (dive !== undefined ? dive : (dive = options.knownDive?.exists() ? null : new DiveFigureBuilder()));
	// Layer 0 needs no layer below it: the model and dive's tree take its entries as they
	// arrive, while the main thread would otherwise only wait.
	let firstLayerStreamed = false;
	const history = mapHistory(handle.config.history, layerCount);
	/** `partial`: layer `stacked` is in the model as far as it was read (layer 0 streams in). */
	const soFar = (stacked: number, partial = false): AnalyzedImage => {
		const sizes = handle.layers.map((_, index) => (index < stacked ? contents[index]!.entries.reduce((sum, e) => sum + e.size, 0) : 0));
		return {
			handle,
			layers: contents.slice(0, stacked),
			model: model.soFar(sizes, stacked + (partial ? 1 : 0)),
			analysis: PENDING_ANALYSIS,
			history,
			warnings: [...new Set([...handle.warnings, ...contents.slice(0, stacked).flatMap(c => c.warnings), ...model.warnings])],
			pending: {stacked, partial},
		};
	};
	const onStacked = options.onStacked;
	const stacking = stackInOrder(model, diveTree, contents, () => firstLayerStreamed, layerCount, onStacked ? stacked => onStacked(stacked, () => soFar(stacked)) : undefined);

	const readOne = async (layer: LayerHandle): Promise<LayerContents> => {
		if (signal?.aborted) throw cancelled();
		const stream = await layer.open();
		// A registry blob that comes as a plain file was kept by an earlier pull.
		if (handle.source === 'registry' && localFileOf(stream)) progress.layers[layer.index]!.kept = true;
		const abort = () => stream.destroy(cancelled());
		signal?.addEventListener('abort', abort, {once: true});
		const streamFirst = layer.index === 0;
		try {
			const read = await readLayer(stream, {
				label: layerLabel(layer),
				expectedDigest: layer.digest,
				expectedDiffId: layer.diffId,
				expectedSize: layer.size,
				priority: priority.get(layer),
				onProgress: (bytes, entries) => {
					const p = progress.layers[layer.index]!;
					p.bytesRead = bytes;
					p.entries = entries;
					emit();
				},
				onEntries: streamFirst
					? (entries, from) => {
							for (let i = from; i < entries.length; i++) {
								model.streamFirstLayer(entries[i]!);
								diveTree()?.streamFirstLayer(entries[i]!);
							}
							// The explorer can open on what has arrived of layer 0.
							if (entries.length > 0) options.onStacked?.(0, () => soFar(0, true));
						}
					: undefined,
			});
			if (streamFirst) {
				model.endFirstLayer();
				firstLayerStreamed = true;
			}
			return read;
		} finally {
			signal?.removeEventListener('abort', abort);
			if (!stream.destroyed) stream.destroy();
		}
	};

	const cache = options.cache ?? null;
	const toStore: LayerHandle[] = [];
	const fromCache = (layer: LayerHandle): Promise<LayerContents> | null => {
		const label = layerLabel(layer);
		// Layer 0 for an early screen is unpacked as it is stacked, in slices.
		if (layer.index === 0 && options.onStacked) {
			const reader = cache?.openLayer(layer, label) ?? null;
			if (!reader) return null;
			markCached(layer, reader.count);
			return streamCachedFirstLayer(reader);
		}
		const found = cache?.readLayer(layer, label) ?? null;
		if (!found) return null;
		markCached(layer, found.entries.length);
		if (layer.index !== 0) return Promise.resolve(found);
		for (const entry of found.entries) {
			model.streamFirstLayer(entry);
			diveTree()?.streamFirstLayer(entry);
		}
		model.endFirstLayer();
		firstLayerStreamed = true;
		return Promise.resolve(found);
	};

	const markCached = (layer: LayerHandle, entries: number) => {
		const p = progress.layers[layer.index]!;
		// Nothing read: the speed and bytes of the loading view stay those of real reads.
		p.cached = true;
		p.entries = entries;
	};

	/**
	 * Layer 0 from the cache for a screen that opens early: unpacked and put into the model
	 * in slices, each handed over, so that the first frame waits for one small slice rather
	 * than the whole layer. dive's tree takes it later, with the other layers (it is needed
	 * only at the end).
	 */
	const streamCachedFirstLayer = async (reader: CachedLayerReader): Promise<LayerContents> => {
		const entries: LayerEntry[] = [];
		while (!reader.done) {
			const from = entries.length;
			reader.next(from === 0 ? FIRST_CACHED_SLICE : CACHED_SLICE, entries);
			for (let i = from; i < entries.length; i++) model.streamFirstLayer(entries[i]!);
			if (!reader.done) {
				options.onStacked?.(0, () => soFar(0, true));
				await nextTurn();
			}
		}
		model.endFirstLayer();
		firstLayerStreamed = true;
		return reader.contents(entries);
	};

	let cacheTurn: Promise<unknown> = Promise.resolve();
	const reader = async () => {
		while (queue.length > 0) {
			const layer = queue.shift()!;
			const key = layer.digest && layer.diffId ? `${layer.digest}|${layer.diffId}` : null;
			let read = key ? reads.get(key) : undefined;
			if (!read) {
				// For an early screen, one cached layer decoded per turn of the event loop: the
				// hand-over of layer 0 must not wait for every reader's first decode.
				if (options.onStacked) await (cacheTurn = cacheTurn.then(() => nextTurn()));
				const cached = fromCache(layer);
				if (cached) read = cached;
				else {
					read = readOne(layer);
					toStore.push(layer);
				}
				if (key) reads.set(key, read);
			}
			contents[layer.index] = await read;
			progress.layers[layer.index]!.done = true;
			emit(true);
			stacking.wake();
			// A layer from the cache took no I/O: let the stacking and the screen (an early
			// explorer) have a turn before the next is decoded, rather than after all of them.
			if (!toStore.includes(layer)) await nextTurn();
		}
	};
	await Promise.all(Array.from({length: Math.min(concurrency, layerCount)}, reader)).catch(error => {
		stacking.stop();
		if (signal?.aborted) throw cancelled();
		throw error;
	});

	progress.phase = 'analyzing';
	emit(true);
	await stacking.finished();
	// dive's figures first: that lets go of dive's trees before the rest allocates more.
	const tree = diveTree();
	const diveResult = tree ? tree.finish() : (options.knownDive!.read() ?? diveFigures(contents.map(c => c.entries)));
	const imageModel = model.finish(contents.map(c => c.entries));
	const analysis = {dive: diveResult, reclaimable: reclaimableBytes(imageModel)};
	// Stored after the work, not during it: encoding competes with the stacking for the main thread.
	for (const layer of toStore) cache?.writeLayer(layer, contents[layer.index]!, layerLabel(layer));
	progress.phase = 'done';
	emit(true);
	const warnings = [
		...handle.warnings,
		...(history.mismatch ? [history.mismatch] : []),
		...contents.flatMap(c => c.warnings),
		...imageModel.warnings,
	];
	return {handle, layers: contents, model: imageModel, analysis, history, warnings: [...new Set(warnings)]};
}

/**
 * Applies read layers to the model and dive's figures in layer order, in slices of a few
 * milliseconds, so that the main thread keeps feeding the layer workers meanwhile.
 */
function stackInOrder(
	model: ModelBuilder,
	diveTree: () => DiveFigureBuilder | null,
	contents: LayerContents[],
	firstLayerStreamed: () => boolean,
	layerCount: number,
	onStacked?: (stacked: number) => void,
) {
	let applied = 0;
	let running: Promise<void> | null = null;
	let stopped = false;
	let failure: unknown = null;
	const work = async () => {
		let sliceStart = performance.now();
		while (!stopped && applied < layerCount && contents[applied]) {
			const entries = contents[applied]!.entries;
			const modelSteps = applied === 0 && firstLayerStreamed() ? [] : model.applyLayerInSteps(entries, applied);
			const dive = diveTree();
			for (const steps of dive ? [modelSteps, dive.addLayerInSteps(entries)] : [modelSteps]) {
				for (const _ of steps) {
					if (performance.now() - sliceStart < SLICE_MS) continue;
					await nextTurn();
					sliceStart = performance.now();
				}
			}
			applied++;
			if (applied < layerCount) onStacked?.(applied);
		}
	};
	// Never rejects: a failure is kept for finished() to throw.
	const run = () =>
		work().then(
			() => {
				running = null;
			},
			error => {
				failure ??= error;
				stopped = true;
				running = null;
			},
		);
	return {
		/** A layer arrived: apply what can be applied now. */
		wake(): void {
			running ??= run();
		},
		stop(): void {
			stopped = true;
		},
		/** Everything applied (all layers must have been read). */
		async finished(): Promise<void> {
			while (running) await running;
			running = run();
			await running;
			if (failure) throw failure;
		},
	};
}
