import type {EntryBatch} from './entry-batch.js';
import type {LayerFacts} from './decode-layer.js';
import type {LocalFile} from './local-file.js';

/** What readLayer needs to know in the worker (no callbacks cross threads). */
export interface WorkerReadOptions {
	label: string;
	expectedDiffId: string | null;
	expectedDigest: string | null;
	expectedSize: number | null;
	/** The blob is this file: the worker reads it itself (and says whether it could open it). */
	file: LocalFile | null;
}

/** Main thread → layer worker. `task` tells one layer's messages from a previous one's. */
export type ToWorker =
	| {type: 'start'; task: number; options: WorkerReadOptions}
	| {type: 'chunk'; task: number; data: Uint8Array}
	| {type: 'end'; task: number}
	/** A batch of entries was taken in: the worker may send another. */
	| {type: 'taken'; task: number}
	| {type: 'abort'; task: number};

/** Layer worker → main thread. */
export type FromWorker =
	/** Blob bytes taken in: the main thread may send that many more. */
	| {type: 'ack'; task: number; bytes: number}
	/** The worker reads the file itself / could not open it (then the main thread sends the bytes). */
	| {type: 'opened' | 'unopened'; task: number}
	/** Entries parsed so far (sent before they are batched), and blob bytes read when the worker reads the file itself (else null). */
	| {type: 'progress'; task: number; bytes: number | null; entries: number}
	| {type: 'entries'; task: number; batch: EntryBatch}
	| {type: 'done'; task: number; facts: LayerFacts}
	| {type: 'failed'; task: number; message: string; exitCode: number | null};
