import {finished, type Readable} from 'node:stream';
import type {Worker} from 'node:worker_threads';
import {PeelError} from '../errors.js';
import {readError, type ReadLayerOptions} from './decode-layer.js';
import {unpackEntries} from './entry-batch.js';
import type {LayerContents, LayerEntry} from './layer-entry.js';
import {localFileOf} from './local-file.js';
import type {FromWorker, ToWorker} from './worker-messages.js';

/** Blob bytes sent to a worker and not yet taken in: the blob is paused above this. */
const IN_FLIGHT = 4 << 20;

let tasks = 0;

/**
 * Has a layer worker read one blob. A local file the worker reads itself; anything else
 * (a download, a slice of a compressed archive) is streamed over in chunks, paced by the
 * worker's acknowledgements. Entries come back in batches, in tar order.
 */
export function readInWorker(worker: Worker, blob: Readable, options: ReadLayerOptions): Promise<LayerContents> {
	const {label} = options;
	const task = ++tasks;
	const entries: LayerEntry[] = [];
	const post = (message: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
	const file = localFileOf(blob);
	let feeding = false;
	let bytes = 0;
	/** Entries the worker has parsed (it says so before their batch comes). */
	let parsed = 0;
	const count = () => Math.max(entries.length, parsed);
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
		const fail = (error: unknown) => {
			post({type: 'abort', task});
			settle(error instanceof Error ? error : new Error(String(error)));
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
				case 'opened':
					return;
				case 'unopened':
					feed();
					return;
				case 'progress':
					if (message.bytes !== null) bytes = message.bytes;
					parsed = message.entries;
					options.onProgress?.(bytes, count());
					return;
				case 'entries': {
					const from = entries.length;
					unpackEntries(message.batch, entries);
					try {
						options.onEntries?.(entries, from);
					} catch (error) {
						fail(error);
						return;
					}
					post({type: 'taken', task});
					options.onProgress?.(bytes, count());
					return;
				}
				case 'done':
					options.onProgress?.(message.facts.compressedSize, entries.length);
					// A copy of the exact length: the array grown by push keeps up to half as much room again (MBs on a big layer).
					settle(null, {entries: entries.slice(), ...message.facts});
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
			bytes += chunk.length;
			inFlight += chunk.length;
			options.onProgress?.(bytes, count());
			if (inFlight > IN_FLIGHT && !paused) {
				paused = true;
				blob.pause();
			}
		};
		const feed = () => {
			feeding = true;
			blob.on('data', onData);
		};
		worker.on('message', onMessage);
		worker.on('exit', onExit);
		const {expectedDiffId = null, expectedDigest = null, expectedSize = null} = options;
		post({type: 'start', task, options: {label, expectedDiffId, expectedDigest, expectedSize, file}});
		if (!file) feed();
		// An error (or a cancellation) on the blob stream ends the layer; its end, once fed, is the blob's end.
		finished(blob, error => {
			if (settled) return;
			if (error) {
				post({type: 'abort', task});
				settle(readError(label, error));
			} else if (feeding) {
				post({type: 'end', task});
			}
		});
	});
}
