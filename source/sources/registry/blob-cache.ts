import {createReadStream, createWriteStream, type WriteStream} from 'node:fs';
import {access, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {Transform, type Readable, type TransformCallback} from 'node:stream';
import type {BlobWrite, KeptBlobs} from '../../cache/kept-blobs.js';
import {createTempSpool, type TempSpool} from '../engine/temp-spool.js';

/**
 * The layer blobs pulled from a registry, kept so that a file read again (the viewer, cat,
 * extract) comes from disk, where it can be read at an offset, instead of being downloaded
 * again. With peel's cache (`shelf`) they are kept across runs by digest, within its cap;
 * without it (--no-cache), in a private temp directory (0700, removed on close and on
 * exit, as the engine spools are). A blob is written while its first download streams to
 * the layer reader and kept only when that download ended verified (blob-stream.ts checks
 * size and digest before it ends); a failed or stopped download leaves nothing.
 */
export class BlobCache {
	private spool: TempSpool | null = null;
	/** Blobs on disk known good this run: written here, or checked whole once. */
	private readonly kept = new Map<string, string>();
	private readonly writing = new Set<string>();
	private readonly checking = new Map<string, Promise<string | null>>();
	private closed = false;

	constructor(private readonly shelf: KeptBlobs | null = null) {}

	/** The blob: from disk when kept, else `download()` — written to disk as it is read. */
	async open(blob: {digest: string; size: number}, download: () => Readable): Promise<Readable> {
		const file = await this.keptFile(blob);
		if (file) return createReadStream(file, {highWaterMark: 256 << 10});
		const source = download();
		// Digests name the files: only well-formed ones (the registry source checked the algorithm).
		if (this.closed || this.writing.has(blob.digest) || !/^sha(256|512):[0-9a-f]+$/.test(blob.digest)) return source;
		const write = this.shelf?.startWrite(blob.digest, blob.size) ?? this.spoolWrite(blob.digest);
		this.writing.add(blob.digest);
		const tee = new CacheTee(write.temp, async complete => {
			this.writing.delete(blob.digest);
			if (complete && !this.closed && (await write.keep())) this.kept.set(blob.digest, write.file);
			else await write.drop();
		});
		source.on('error', error => tee.destroy(error));
		// Whoever reads the tee stopping (a failed layer, a cancel) stops the download too.
		tee.on('close', () => {
			if (!source.readableEnded) source.destroy();
		});
		return source.pipe(tee);
	}

	/** A file known good this run, or one kept by an earlier run that checks out now. */
	private async keptFile(blob: {digest: string; size: number}): Promise<string | null> {
		if (this.closed) return null;
		const known = this.kept.get(blob.digest);
		if (known) {
			// The cap (this peel's or another's) may have removed it since: then it is pulled again.
			if (await access(known).then(() => true, () => false)) {
				this.shelf?.touch(known);
				return known;
			}
			this.kept.delete(blob.digest);
		}
		if (!this.shelf || this.writing.has(blob.digest)) return null;
		let checking = this.checking.get(blob.digest);
		if (!checking) {
			checking = this.shelf.find(blob.digest, blob.size);
			this.checking.set(blob.digest, checking);
		}
		const found = await checking;
		this.checking.delete(blob.digest);
		if (found) this.kept.set(blob.digest, found);
		return found;
	}

	private spoolFile(digest: string): string {
		this.spool ??= createTempSpool('peel-blobs-');
		return path.join(path.dirname(this.spool.file), digest.replace(':', '-'));
	}

	/** This run's private directory: blobs are not kept across runs (or the cache cannot hold them). */
	private spoolWrite(digest: string): BlobWrite {
		const target = this.spoolFile(digest);
		const temp = `${target}.part`;
		return {
			file: target,
			temp,
			keep: async () => {
				await rename(temp, target);
				return true;
			},
			drop: () => rm(temp, {force: true}),
		};
	}

	/** The directory this run's private blobs are in, once one was written (for tests). */
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
