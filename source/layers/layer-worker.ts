import {open} from 'node:fs/promises';
import type {Readable} from 'node:stream';
import {parentPort} from 'node:worker_threads';
import {PeelError} from '../errors.js';
import {BlobFeed} from './blob-feed.js';
import {decodeLayer} from './decode-layer.js';
import {EntryBatcher} from './entry-batch.js';
import type {LocalFile} from './local-file.js';
import type {FromWorker, ToWorker, WorkerReadOptions} from './worker-messages.js';

/**
 * A layer-reading thread: it reads one blob at a time (from its file, or as the main
 * thread streams it over), inflates, parses and hashes it, and sends the entries back in
 * packed batches.
 */
const BATCH = 4096;
/** The first batch of a layer goes out early: an explorer opening on layer 0 shows it at once. */
const FIRST_BATCH = 256;
/**
 * Batches sent and not yet taken in by the main thread: the parse waits above this.
 * Without it a layer of a million small entries queues up faster than the main thread
 * stacks them — memory for every queued copy, and a main thread blocked draining them.
 */
const BATCHES_IN_FLIGHT = 4;
/** Reads of this size: small enough for the allocator to reuse their buffers (1 MB ones pile up), big enough to be cheap. */
const FILE_CHUNK = 256 * 1024;
const PROGRESS_EVERY = 4 << 20;
/** Entries parsed are reported this often, so that counters move before a batch is full (a layer of 2,000 files has none before its end). */
const ENTRIES_EVERY_MS = 100;
const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

interface Job {
	task: number;
	/** Entry batches sent and not yet taken. */
	unTaken: number;
	/** The parser's "go on", held while too many batches are un-taken. */
	held: (() => void) | null;
	feed: BlobFeed;
	/** What is being decoded: the feed, or the file. */
	source: Readable;
	aborted: boolean;
}

let current: Job | null = null;

async function openFile(file: LocalFile): Promise<Readable | null> {
	try {
		const handle = await open(file.path, 'r');
		return handle.createReadStream({start: file.start, end: file.end, highWaterMark: FILE_CHUNK});
	} catch {
		return null;
	}
}

async function start(task: number, options: WorkerReadOptions): Promise<void> {
	const feed = new BlobFeed(bytes => send({type: 'ack', task, bytes}));
	const job: Job = {task, unTaken: 0, held: null, feed, source: feed, aborted: false};
	current = job;
	let reportAt = PROGRESS_EVERY;
	let reportedEntries = 0;
	let reportedAt = Date.now();
	let fromFile = false;
	const onProgress = (bytes: number, entries: number) => {
		const now = Date.now();
		const dueByBytes = fromFile && bytes >= reportAt;
		const dueByEntries = entries > reportedEntries && now - reportedAt >= ENTRIES_EVERY_MS;
		if (!dueByBytes && !dueByEntries) return;
		if (dueByBytes) reportAt = bytes + PROGRESS_EVERY;
		reportedEntries = entries;
		reportedAt = now;
		send({type: 'progress', task, bytes: fromFile ? bytes : null, entries});
	};
	if (options.file) {
		const stream = await openFile(options.file);
		if (job.aborted) {
			stream?.destroy();
			if (current === job) current = null;
			return;
		}
		if (stream) {
			job.source = stream;
			fromFile = true;
		}
		send({type: stream ? 'opened' : 'unopened', task});
	}
	const batcher = new EntryBatcher();
	let sent = 0;
	const flush = () => {
		const batch = batcher.take();
		send({type: 'entries', task, batch}, [batch.small.buffer as ArrayBuffer, batch.large.buffer as ArrayBuffer]);
		job.unTaken++;
		sent++;
	};
	const pace = (goOn: () => void) => {
		if (job.unTaken < BATCHES_IN_FLIGHT) goOn();
		else job.held = goOn;
	};
	try {
		const facts = await decodeLayer(job.source, {...options, onProgress, pace}, entry => {
			batcher.add(entry);
			if (batcher.size >= (sent === 0 ? FIRST_BATCH : BATCH)) flush();
		});
		if (batcher.size > 0) flush();
		send({type: 'done', task, facts});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		send({type: 'failed', task, message, exitCode: error instanceof PeelError ? error.exitCode : null});
	} finally {
		if (current === job) current = null;
	}
}

port.on('message', (message: ToWorker) => {
	if (message.type === 'start') {
		void start(message.task, message.options);
		return;
	}
	const job = current;
	if (job?.task !== message.task) return; // a layer that already failed
	if (message.type === 'taken') {
		job.unTaken--;
		const held = job.held;
		if (held && job.unTaken < BATCHES_IN_FLIGHT) {
			job.held = null;
			held();
		}
	} else if (message.type === 'chunk') job.feed.add(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
	else if (message.type === 'end') job.feed.finish();
	else {
		job.aborted = true;
		job.source.destroy(new Error('aborted'));
	}
});
