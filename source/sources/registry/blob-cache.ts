import {createReadStream, createWriteStream, type WriteStream} from 'node:fs';
import {access, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {Readable} from 'node:stream';
import type {BlobWrite, KeptBlobs} from '../../cache/kept-blobs.js';
import {createTempSpool, type TempSpool} from '../engine/temp-spool.js';

/**
 * The layer blobs pulled from a registry, kept so that a file read again (the viewer, cat,
 * extract) comes from disk, where it can be read at an offset, instead of being downloaded
 * again. With peel's cache (`shelf`) they are kept across runs by digest, within its cap;
 * without it (--no-cache), in a private temp directory (0700, removed on close and on
 * exit, as the engine spools are). A blob is written while its first download streams to
 * the layer reader and kept only when that download ended verified (blob-stream.ts checks
 * size and digest before it ends); a failed download, or one stopped by closing, leaves nothing.
 */
export class BlobCache {
	private spool: TempSpool | null = null;
	/** Blobs on disk known good this run: written here, or checked whole once. */
	private readonly kept = new Map<string, string>();
	private readonly writing = new Set<string>();
	private readonly checking = new Map<string, Promise<string | null>>();
	/** Downloads going on into their file after their reader stopped. */
	private readonly alone = new Set<Readable>();
	private readonly settling = new Set<Promise<void>>();
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
		const settle = async (complete: boolean) => {
			this.writing.delete(blob.digest);
			if (complete && !this.closed && (await write.keep())) this.kept.set(blob.digest, write.file);
			else await write.drop();
		};
		return new FileTee(source, write.temp, complete => this.track(settle(complete)), () => this.goOnAlone(source));
	}

	/**
	 * A reader that stopped early without an error (cat found its file): the download goes
	 * on into the file alone while peel runs, so that the blob is kept whole for the next
	 * read; closing stops it. A failed or cancelled read stops the download at once.
	 */
	private goOnAlone(source: Readable): boolean {
		if (this.closed) return false;
		this.alone.add(source);
		source.once('close', () => this.alone.delete(source));
		return true;
	}

	private track(settle: Promise<void>): void {
		// A blob that could not be kept (its directory gone at close) costs a download, never the run.
		const settling = settle.catch(() => {});
		this.settling.add(settling);
		void settling.then(() => this.settling.delete(settling));
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
		for (const source of this.alone) source.destroy();
		// Their temp files are removed before the spool (and before peel exits).
		await Promise.allSettled([...this.settling]);
		this.kept.clear();
		await this.spool?.remove();
	}
}

/**
 * Hands the blob to its reader while writing it to `file`, at the pace of the slower of
 * the two; a failed write only stops the caching. `settle(complete)` is called once:
 * complete when the download ended (verified: blob-stream.ts fails before it ends
 * otherwise) and the file holds all of it.
 */
class FileTee extends Readable {
	private readonly out: WriteStream;
	private failed = false;
	private settled = false;
	private fileFull = false;
	private readerFull = false;

	constructor(
		private readonly source: Readable,
		file: string,
		private readonly settle: (complete: boolean) => void,
		/** The reader stopped early: may the download go on into the file alone? */
		private readonly goOnAlone: () => boolean,
	) {
		super({highWaterMark: 256 << 10});
		this.out = createWriteStream(file, {flags: 'wx', mode: 0o600});
		this.out.on('error', () => {
			this.failed = true;
			this.fileFull = false;
			if (this.destroyed) source.destroy();
			else this.resumeSource();
		});
		this.out.on('drain', () => {
			this.fileFull = false;
			this.resumeSource();
		});
		source.on('data', (chunk: Buffer) => {
			if (!this.failed && !this.out.write(chunk)) this.fileFull = true;
			if (!this.destroyed && !this.push(chunk)) this.readerFull = true;
			if (this.fileFull || this.readerFull) source.pause();
		});
		source.on('end', () => {
			if (!this.destroyed) this.push(null);
			if (this.failed) this.finish(false);
			else this.out.end(() => this.finish(!this.failed));
		});
		source.on('error', error => {
			this.out.destroy();
			this.finish(false);
			if (!this.destroyed) this.destroy(error);
		});
		// Destroyed without an error (peel closing the image): nothing is kept.
		source.on('close', () => {
			if (source.readableEnded) return;
			this.out.destroy();
			this.finish(false);
		});
	}

	override _read(): void {
		this.readerFull = false;
		this.resumeSource();
	}

	override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
		this.readerFull = false;
		if (!this.source.readableEnded) {
			if (error || this.failed || !this.goOnAlone()) this.source.destroy();
			else this.resumeSource();
		}
		callback(error);
	}

	private resumeSource(): void {
		if (!this.fileFull && !this.readerFull && !this.source.destroyed) this.source.resume();
	}

	private finish(complete: boolean): void {
		if (this.settled) return;
		this.settled = true;
		this.settle(complete);
	}
}
