import {Readable} from 'node:stream';
import {parentPort} from 'node:worker_threads';
import {PeelError} from '../errors.js';
import {decodeLayer} from './decode-layer.js';
import {EntryBatcher} from './entry-batch.js';
import type {FromWorker, ToWorker} from './worker-messages.js';

/**
 * A layer-reading thread: the main thread streams it one blob's bytes; it inflates,
 * parses, hashes and sends the entries back in packed batches.
 */
const BATCH = 4096;
const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** The blob as a stream, fed by messages; bytes are acknowledged as the decoder takes them. */
class BlobFeed extends Readable {
	private readonly queue: Buffer[] = [];
	private ended = false;
	private wanted = false;

	constructor(private readonly task: number) {
		super({highWaterMark: 1 << 20});
	}

	add(chunk: Buffer): void {
		this.queue.push(chunk);
		if (this.wanted) this.pump();
	}

	finish(): void {
		this.ended = true;
		if (this.wanted) this.pump();
	}

	override _read(): void {
		this.wanted = true;
		this.pump();
	}

	private pump(): void {
		while (this.wanted) {
			const chunk = this.queue.shift();
			if (!chunk) {
				if (this.ended) {
					this.wanted = false;
					this.push(null);
				}
				return;
			}
			this.wanted = this.push(chunk);
			send({type: 'ack', task: this.task, bytes: chunk.length});
		}
	}
}

let current: {task: number; feed: BlobFeed} | null = null;

function start(task: number, options: Extract<ToWorker, {type: 'start'}>['options']): void {
	const feed = new BlobFeed(task);
	current = {task, feed};
	const batcher = new EntryBatcher();
	const flush = () => {
		const batch = batcher.take();
		send({type: 'entries', task, batch}, [batch.small.buffer as ArrayBuffer, batch.large.buffer as ArrayBuffer]);
	};
	decodeLayer(feed, options, entry => {
		batcher.add(entry);
		if (batcher.size >= BATCH) flush();
	}).then(
		facts => {
			if (batcher.size > 0) flush();
			send({type: 'done', task, facts});
		},
		(error: unknown) => {
			const message = error instanceof Error ? error.message : String(error);
			send({type: 'failed', task, message, exitCode: error instanceof PeelError ? error.exitCode : null});
		},
	).finally(() => {
		if (current?.task === task) current = null;
	});
}

port.on('message', (message: ToWorker) => {
	if (message.type === 'start') return start(message.task, message.options);
	if (current?.task !== message.task) return; // a layer that already failed
	const {feed} = current;
	if (message.type === 'chunk') feed.add(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
	else if (message.type === 'end') feed.finish();
	else feed.destroy(new Error('aborted'));
});
