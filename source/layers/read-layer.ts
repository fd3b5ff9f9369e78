import {existsSync} from 'node:fs';
import os from 'node:os';
import {finished, type Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import type {Worker} from 'node:worker_threads';
import {PeelError} from '../errors.js';
import {decodeLayer, readError, type ReadLayerOptions} from './decode-layer.js';
import {unpackEntries} from './entry-batch.js';
import type {LayerContents, LayerEntry} from './layer-entry.js';
import type {FromWorker, ToWorker} from './worker-messages.js';
import {WorkerPool} from './worker-pool.js';

export type {ReadLayerOptions};

/** Blob bytes sent to a worker and not yet taken in: the main thread pauses the blob above this. */
const IN_FLIGHT = 4 << 20;

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
	if (workers) return workers.run(worker => readInWorker(worker, blob, options));
	const entries: LayerEntry[] = [];
	const facts = await decodeLayer(blob, options, entry => entries.push(entry));
	return {entries, ...facts};
}

let tasks = 0;

function readInWorker(worker: Worker, blob: Readable, options: ReadLayerOptions): Promise<LayerContents> {
	const {label} = options;
	const task = ++tasks;
	const entries: LayerEntry[] = [];
	const post = (message: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
	let sent = 0;
	let inFlight = 0;
	let paused = false;

	return new Promise<LayerContents>((resolve, reject) => {
		let settled = false;
		const settle = (error: Error | null, contents?: LayerContents) => {
			if (settled) return;
			settled = true;
			worker.off('message', onMessage);
			worker.off('exit', onExit);
			blob.off('data', onData);
			if (error) {
				if (!blob.destroyed) blob.destroy();
				reject(error);
			} else resolve(contents!);
		};
		const onMessage = (message: FromWorker) => {
			if (message.task !== task) return;
			switch (message.type) {
				case 'ack':
					inFlight -= message.bytes;
					if (paused && inFlight <= IN_FLIGHT / 2) {
						paused = false;
						blob.resume();
					}
					return;
				case 'entries':
					unpackEntries(message.batch, entries);
					options.onProgress?.(sent, entries.length);
					return;
				case 'done':
					options.onProgress?.(sent, entries.length);
					settle(null, {entries, ...message.facts});
					return;
				case 'failed':
					settle(message.exitCode === null ? new PeelError(`${label}: ${message.message}`) : new PeelError(message.message, message.exitCode));
			}
		};
		const onExit = () => settle(new PeelError(`${label}: the layer reader thread stopped unexpectedly`));
		const onData = (chunk: Buffer) => {
			// A copy the worker can own. (Handing over the chunk's own memory was measured to
			// leave far more memory in use: the worker frees what it did not allocate late.)
			const data = new Uint8Array(chunk);
			post({type: 'chunk', task, data}, [data.buffer]);
			sent += chunk.length;
			inFlight += chunk.length;
			options.onProgress?.(sent, entries.length);
			if (inFlight > IN_FLIGHT && !paused) {
				paused = true;
				blob.pause();
			}
		};
		worker.on('message', onMessage);
		worker.on('exit', onExit);
		post({type: 'start', task, options: {label, expectedDiffId: options.expectedDiffId ?? null, expectedDigest: options.expectedDigest ?? null, expectedSize: options.expectedSize ?? null}});
		blob.on('data', onData);
		finished(blob, error => {
			if (settled) return;
			if (!error) {
				post({type: 'end', task});
				return;
			}
			// The worker drops this layer; the next one starts clean.
			post({type: 'abort', task});
			settle(readError(label, error));
		});
	});
}

