import {utimesSync} from 'node:fs';
import {parentPort} from 'node:worker_threads';
import type {EntryBatch} from '../layers/entry-batch.js';
import {readCacheFile} from './cache-file.js';
import {decodeColumns, sliceBatch, type CachedRest} from './layer-columns.js';

/**
 * The thread that reads cached layers: the file read, its checksum and the unpacking of its
 * columns run here, beside the main thread (which, at the start, is busy loading the UI).
 * The main thread gets the layer's facts first, then its entries in slices, each when it
 * asks for the next: the explorer can show the first slice before the rest is handed over,
 * and the slices never pile up on the main thread (each costs it a copy to take in).
 */

/** `next`: the main thread has taken the last slice handed over and wants the following one. */
export type LayerFileRequest = {op: 'prefetch'; file: string} | {op: 'take'; id: number; file: string} | {op: 'next'; id: number};

export type LayerFileReply =
	| {id: number; kind: 'missing'}
	| {id: number; kind: 'unusable'; reason: string}
	| {id: number; kind: 'rest'; rest: CachedRest; count: number}
	| {id: number; kind: 'entries'; batch: EntryBatch}
	| {id: number; kind: 'done'};

/** Entries per message: small enough that the first frame waits for one only. */
export const SLICE = 16_384;

type Prepared = {kind: 'missing'} | {kind: 'unusable'; reason: string} | {kind: 'ok'; rest: CachedRest; batch: EntryBatch};

const port = parentPort!;
/** Read ahead (the first layer, while the UI loads), handed over when asked for. */
const prefetched = new Map<string, Prepared>();

function prepare(file: string): Prepared {
	const read = readCacheFile(file);
	if (!read) return {kind: 'missing'};
	if (!read.ok) return {kind: 'unusable', reason: read.reason};
	try {
		const {rest, batch} = decodeColumns(read.payload);
		touch(file);
		return {kind: 'ok', rest, batch};
	} catch (error) {
		return {kind: 'unusable', reason: (error as Error).message};
	}
}

/** Used now: the cache's cap removes the least recently used first. */
function touch(file: string): void {
	try {
		const now = new Date();
		utimesSync(file, now, now);
	} catch {
		// A read-only cache is still usable.
	}
}

function send(reply: LayerFileReply, transfer: ArrayBuffer[] = []): void {
	port.postMessage(reply, transfer);
}

/** Layers being handed over, and the next entry of each. */
const handing = new Map<number, {batch: EntryBatch; from: number}>();

function sendNext(id: number): void {
	const state = handing.get(id);
	if (!state) return;
	const {batch, from} = state;
	const count = batch.paths.length;
	if (from >= count) {
		handing.delete(id);
		send({id, kind: 'done'});
		return;
	}
	const slice = sliceBatch(batch, from, Math.min(from + SLICE, count));
	state.from = from + SLICE;
	send({id, kind: 'entries', batch: slice}, [slice.small.buffer as ArrayBuffer, slice.large.buffer as ArrayBuffer]);
}

/** Layers asked for and not yet begun: one is prepared per turn, so that a `next` of a layer being handed over is answered in between. */
const asked: Array<{id: number; file: string}> = [];

function beginOne(): void {
	const request = asked.shift();
	if (asked.length > 0) setImmediate(beginOne);
	if (!request) return;
	const {id, file} = request;
	const prepared = prefetched.get(file) ?? prepare(file);
	prefetched.delete(file);
	if (prepared.kind !== 'ok') {
		send(prepared.kind === 'missing' ? {id, kind: 'missing'} : {id, kind: 'unusable', reason: prepared.reason});
		return;
	}
	send({id, kind: 'rest', rest: prepared.rest, count: prepared.batch.paths.length});
	handing.set(id, {batch: prepared.batch, from: 0});
	sendNext(id);
}

port.on('message', (request: LayerFileRequest) => {
	if (request.op === 'prefetch') {
		if (!prefetched.has(request.file)) prefetched.set(request.file, prepare(request.file));
	} else if (request.op === 'next') {
		sendNext(request.id);
	} else {
		asked.push(request);
		if (asked.length === 1) setImmediate(beginOne);
	}
});
