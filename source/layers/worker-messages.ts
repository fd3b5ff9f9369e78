import type {EntryBatch} from './entry-batch.js';
import type {LayerFacts} from './decode-layer.js';

/** What readLayer needs to know in the worker (no callbacks cross threads). */
export interface WorkerReadOptions {
	label: string;
	expectedDiffId: string | null;
	expectedDigest: string | null;
	expectedSize: number | null;
}

/** Main thread → layer worker. `task` tells one layer's messages from a previous one's. */
export type ToWorker =
	| {type: 'start'; task: number; options: WorkerReadOptions}
	| {type: 'chunk'; task: number; data: Uint8Array}
	| {type: 'end'; task: number}
	| {type: 'abort'; task: number};

/** Layer worker → main thread. */
export type FromWorker =
	/** Blob bytes taken in: the main thread may send that many more. */
	| {type: 'ack'; task: number; bytes: number}
	| {type: 'entries'; task: number; batch: EntryBatch}
	| {type: 'done'; task: number; facts: LayerFacts}
	| {type: 'failed'; task: number; message: string; exitCode: number | null};
