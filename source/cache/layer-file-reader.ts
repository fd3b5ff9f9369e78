import {Worker} from 'node:worker_threads';
import {workerScript} from '../worker-script.js';
import {unpackEntries} from '../layers/entry-batch.js';
import type {LayerContents, LayerEntry} from '../layers/layer-entry.js';
import {labelled, type CachedRest} from './layer-columns.js';
import type {LayerFileReply, LayerFileRequest} from './layer-file-worker.js';

export type CachedLayerRead = {kind: 'missing'} | {kind: 'unusable'; reason: string} | {kind: 'ok'; contents: LayerContents};

export interface CachedLayerOptions {
	label: string;
	/** Checks the layer's facts before any entry is handed over (the entry may belong to another layer); a message makes it unusable. */
	check?: (rest: CachedRest) => string | null;
	/** Entries as they arrive: `entries` so far, the new ones from `from` on. */
	onEntries?: (entries: LayerEntry[], from: number) => void;
}

/** How long the thread waits, idle, for another layer. */
const IDLE_MS = 2000;

interface Pending {
	options: CachedLayerOptions;
	settle: (read: CachedLayerRead) => void;
	fail: (error: Error) => void;
	rest: CachedRest | null;
	entries: LayerEntry[];
	unusable: string | null;
}

/**
 * Reads cached layers on a thread of their own (layer-file-worker.ts): the main thread only
 * unpacks the entries it is handed. The thread is started on first use and does not keep
 * the process alive while nothing is asked of it.
 */
export class CachedLayerReader {
	private worker: Worker | null = null;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private idleTimer: NodeJS.Timeout | null = null;

	/** Starts the thread now (its own start then runs beside whatever this thread does meanwhile). */
	warmUp(): void {
		this.start();
	}

	/** Starts reading `file` now, to be taken later (read returns it at once then). */
	prefetch(file: string): void {
		this.post({op: 'prefetch', file});
	}

	read(file: string, options: CachedLayerOptions): Promise<CachedLayerRead> {
		return new Promise((settle, fail) => {
			const id = this.nextId++;
			this.pending.set(id, {options, settle, fail, rest: null, entries: [], unusable: null});
			this.post({op: 'take', id, file});
			this.worker!.ref();
		});
	}

	close(): void {
		const worker = this.worker;
		this.worker = null;
		if (!worker) return;
		worker.removeAllListeners('exit');
		void worker.terminate();
		this.failAll(new Error('the thread reading cached layers was stopped'));
	}

	private post(request: LayerFileRequest): void {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		this.start().postMessage(request);
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(workerScript(import.meta.url, './layer-file-worker.js', "the cache's layer reader"));
		worker.unref();
		worker.on('message', (reply: LayerFileReply) => this.receive(reply));
		worker.on('error', error => this.failAll(error));
		worker.on('exit', code => this.failAll(new Error(`the thread reading cached layers stopped (exit code ${code})`)));
		this.worker = worker;
		return worker;
	}

	private receive(reply: LayerFileReply): void {
		const pending = this.pending.get(reply.id);
		if (!pending) return;
		const {options} = pending;
		switch (reply.kind) {
			case 'missing':
				this.end(reply.id, {kind: 'missing'});
				return;
			case 'unusable':
				this.end(reply.id, {kind: 'unusable', reason: reply.reason});
				return;
			case 'rest':
				pending.unusable = options.check?.(reply.rest) ?? null;
				pending.rest = reply.rest;
				return;
			case 'entries': {
				if (!pending.unusable) {
					const from = pending.entries.length;
					try {
						unpackEntries(reply.batch, pending.entries);
						options.onEntries?.(pending.entries, from);
					} catch (error) {
						this.pending.delete(reply.id);
						pending.fail(error as Error);
						return;
					}
				}
				this.post({op: 'next', id: reply.id});
				return;
			}
			case 'done':
				if (pending.unusable || !pending.rest) this.end(reply.id, {kind: 'unusable', reason: pending.unusable ?? 'it holds no layer'});
				else this.end(reply.id, {kind: 'ok', contents: {...labelled(pending.rest, options.label), entries: pending.entries}});
		}
	}

	private end(id: number, read: CachedLayerRead): void {
		const pending = this.pending.get(id)!;
		this.pending.delete(id);
		if (this.pending.size === 0 && this.worker) {
			this.worker.unref();
			// Nothing more asked for a while: the thread goes (a later read starts another).
			this.idleTimer = setTimeout(() => this.close(), IDLE_MS).unref();
		}
		pending.settle(read);
	}

	/** The thread is gone: a layer not begun is read from its source instead; one half handed over cannot be. */
	private failAll(error: Error): void {
		this.worker = null;
		const all = [...this.pending.values()];
		this.pending.clear();
		for (const pending of all) {
			if (pending.entries.length === 0) pending.settle({kind: 'missing'});
			else pending.fail(error);
		}
	}
}
