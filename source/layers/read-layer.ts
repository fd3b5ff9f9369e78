import {existsSync} from 'node:fs';
import os from 'node:os';
import type {Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {PeelError} from '../errors.js';
import type {ReadLayerOptions} from './decode-layer.js';
import type {LayerContents} from './layer-entry.js';
import {WorkerPool} from './worker-pool.js';
import {readInWorker} from './worker-task.js';

export type {ReadLayerOptions};

let pool: WorkerPool | undefined;

/**
 * The compiled worker script. Beside this module in a build; when this module runs from
 * its TypeScript source (the test suite), the build's copy — so tests exercise the very
 * decoder users run, never an in-process stand-in.
 */
function workerScript(): URL {
	const beside = new URL('./layer-worker.js', import.meta.url);
	if (existsSync(fileURLToPath(beside))) return beside;
	const built = new URL('../../build/source/layers/layer-worker.js', import.meta.url);
	if (import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(built))) return built;
	throw new PeelError('the layer reader (layer-worker.js) is missing: rebuild peel with `npm run build`');
}

/** The worker pool, one thread per core. */
function workerPool(): WorkerPool {
	pool ??= new WorkerPool(workerScript(), Math.max(1, os.availableParallelism()));
	return pool;
}

/** Starts the layer-reading threads ahead of the first layer (see WorkerPool.warmUp). */
export function warmUpLayerReaders(): void {
	workerPool().warmUp();
}

/**
 * Reads one layer blob to its end: sniffs its compression, parses the tar, hashes
 * every regular file, and verifies the blob digest and diff_id. Streams only: the
 * layer is never held in memory whole. The work runs on a worker thread, so that
 * several layers are decoded at once.
 */
export function readLayer(blob: Readable, options: ReadLayerOptions): Promise<LayerContents> {
	return workerPool().run(worker => readInWorker(worker, blob, options), options.priority);
}
