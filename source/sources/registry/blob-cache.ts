import {createReadStream, createWriteStream, type WriteStream} from 'node:fs';
import {rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {Transform, type Readable, type TransformCallback} from 'node:stream';
import {createTempSpool, type TempSpool} from '../engine/temp-spool.js';

/**
 * The layer blobs this run pulled, kept in a private temp directory (0700, removed on
 * close and on exit, as the engine spools are): a file read again (the viewer, cat,
 * extract) comes from disk, where it can be read at an offset, instead of being
 * downloaded again. A blob is written while its first download streams to the layer
 * reader and kept only when that download ended verified (blob-stream.ts checks size
 * and digest before it ends); a failed or stopped download leaves nothing.
 */
export class BlobCache {
	private spool: TempSpool | null = null;
	private readonly kept = new Map<string, string>();
	private readonly writing = new Set<string>();
	private closed = false;

	/** The blob: from the cache when kept, else `download()` — written to the cache as it is read. */
	open(digest: string, download: () => Readable): Readable {
		const file = this.kept.get(digest);
		if (file) return createReadStream(file, {highWaterMark: 256 << 10});
		const blob = download();
		// Digests name the files: only well-formed ones (the registry source checked the algorithm).
		if (this.closed || this.writing.has(digest) || !/^sha(256|512):[0-9a-f]+$/.test(digest)) return blob;
		this.spool ??= createTempSpool('peel-blobs-');
		const target = path.join(path.dirname(this.spool.file), digest.replace(':', '-'));
		this.writing.add(digest);
		const tee = new CacheTee(`${target}.part`, async complete => {
			this.writing.delete(digest);
			if (complete && !this.closed) {
				await rename(`${target}.part`, target);
				this.kept.set(digest, target);
			} else await rm(`${target}.part`, {force: true});
		});
		blob.on('error', error => tee.destroy(error));
		// Whoever reads the tee stopping (a failed layer, a cancel) stops the download too.
		tee.on('close', () => {
			if (!blob.readableEnded) blob.destroy();
		});
		return blob.pipe(tee);
	}

	/** The directory the blobs are kept in, once one was written (for tests). */
	directory(): string | null {
		return this.spool ? path.dirname(this.spool.file) : null;
	}

	async close(): Promise<void> {
		this.closed = true;
		this.kept.clear();
		await this.spool?.remove();
	}
}

/** Passes the blob on while writing it to `file`; a failed write only stops the caching. */
class CacheTee extends Transform {
	private readonly out: WriteStream;
	private failed = false;
	private settled = false;
	/** A chunk's callback, waiting for the file to drain. */
	private waiting: (() => void) | null = null;

	constructor(
		file: string,
		private readonly settle: (complete: boolean) => Promise<void>,
	) {
		super();
		this.out = createWriteStream(file, {flags: 'wx', mode: 0o600});
		this.out.on('error', () => {
			this.failed = true;
			this.goOn();
		});
		this.out.on('drain', () => this.goOn());
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.push(chunk);
		if (this.failed || this.out.write(chunk)) callback();
		else this.waiting = callback;
	}

	private goOn(): void {
		const waiting = this.waiting;
		this.waiting = null;
		waiting?.();
	}

	override _flush(callback: TransformCallback): void {
		this.out.end(() => {
			this.finish(!this.failed).then(() => callback(), () => callback());
		});
	}

	override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
		this.out.destroy();
		this.finish(false).then(() => callback(error), () => callback(error));
	}

	private finish(complete: boolean): Promise<void> {
		if (this.settled) return Promise.resolve();
		this.settled = true;
		return this.settle(complete);
	}
}
