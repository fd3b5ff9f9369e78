import {existsSync} from 'node:fs';
import os from 'node:os';
import type {Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {decodeLayer, type ReadLayerOptions} from './decode-layer.js';
import type {LayerContents, LayerEntry} from './layer-entry.js';
import {WorkerPool} from './worker-pool.js';
import {readInWorker} from './worker-task.js';

export type {ReadLayerOptions};

const WORKER_SCRIPT = new URL('./layer-worker.js', import.meta.url);
let pool: WorkerPool | null | undefined;

/**
 * The worker pool, one thread per core — or null where the compiled worker script is
 * absent (running from TypeScript sources, as tests do): layers are then read here.
 */
function workerPool(): WorkerPool | null {
	if (pool === undefined) {
		pool = existsSync(fileURLToPath(WORKER_SCRIPT)) ? new WorkerPool(WORKER_SCRIPT, Math.max(1, os.availableParallelism())) : null;
	}
	return pool;
}

/**
 * Reads one layer blob to its end: sniffs its compression, parses the tar, hashes
 * every regular file, and verifies the blob digest and diff_id. Streams only: the
 * layer is never held in memory whole. The work runs on a worker thread when it can,
 * so that several layers are decoded at once.
 */
export async function readLayer(blob: Readable, options: ReadLayerOptions): Promise<LayerContents> {
	const workers = workerPool();
	if (workers) return workers.run(worker => readInWorker(worker, blob, options), options.priority);
	const entries: LayerEntry[] = [];
	const facts = await decodeLayer(blob, options, entry => {
		entries.push(entry);
		options.onEntries?.(entries, entries.length - 1);
	});
	return {entries, ...facts};
}
