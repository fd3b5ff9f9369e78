import {createHash, randomBytes} from 'node:crypto';
import {createReadStream, mkdirSync, readdirSync, statSync, unlinkSync, utimesSync} from 'node:fs';
import {rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';

/** A kept blob as `peel cache ls` and the cap see it. */
export interface KeptBlobInfo {
	file: string;
	bytes: number;
	usedMs: number;
	digest: string;
}

/** A blob being written: its temp file, then kept (renamed) or dropped. */
export interface BlobWrite {
	/** Where the blob is once kept. */
	file: string;
	temp: string;
	/** Renames the finished temp file into place when it holds `size` bytes; false when it did not. */
	keep(): Promise<boolean>;
	drop(): Promise<void>;
}

const ALGORITHMS = ['sha256', 'sha512'] as const;
const DIGEST = /^(sha256|sha512):([0-9a-f]{64}|[0-9a-f]{128})$/;
/** An unfinished download older than this is no other peel's live write (prune removes it). */
const STALE_PART_MS = 3_600_000;

/**
 * Registry blobs kept across runs in the cache directory, as `blobs/<algorithm>/<hex>`:
 * only the verified bytes of a blob, named by their digest. A file appears whole (temp file
 * + rename) and only after its download ended verified, so a reader never sees a torn one;
 * on first use in a run it is checked again (size, then digest) before anything reads it.
 */
export class KeptBlobs {
	constructor(
		/** `<cache>/blobs` */
		readonly dir: string,
		/** Bytes the whole cache may hold: a blob bigger than that is not kept. */
		private readonly cap: number,
		/** After a blob was kept: the cache trims itself to its cap. */
		private readonly kept: () => void,
		private readonly warn: (message: string) => void,
		/** A directory that cannot be written: the cache says so once per run. */
		private readonly cannotWrite: (message: string) => void = warn,
	) {}

	fileOf(digest: string): string | null {
		const match = DIGEST.exec(digest);
		return match ? path.join(this.dir, match[1]!, match[2]!) : null;
	}

	/**
	 * The kept file of the blob, checked whole (size, then its digest read through), or null:
	 * none kept, or a file that does not check out (warned once, removed: it is downloaded again).
	 */
	async find(digest: string, size: number): Promise<string | null> {
		const match = DIGEST.exec(digest);
		if (!match) return null;
		const file = path.join(this.dir, match[1]!, match[2]!);
		let found;
		try {
			found = await stat(file);
		} catch {
			return null;
		}
		const problem = found.size !== size ? `${found.size} bytes, not ${size}` : (await digestOfFile(file, match[1]!)) !== digest ? 'its digest does not match' : null;
		if (problem) {
			this.warn(`ignored the kept blob ${digest} (${problem}); it is downloaded again`);
			await rm(file, {force: true});
			return null;
		}
		this.touch(file);
		return file;
	}

	/** Where to write the blob as it downloads, or null when it is not to be kept (too big for the cap, no writable directory). */
	startWrite(digest: string, size: number): BlobWrite | null {
		const file = this.fileOf(digest);
		if (!file || size > this.cap) return null;
		try {
			mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		} catch (error) {
			this.cannotWrite(`the blob ${digest} was not kept (${(error as Error).message}); ${this.dir} is left as it was`);
			return null;
		}
		// Its own temp name: two peels pulling one blob each write theirs, and either rename wins whole.
		const temp = path.join(path.dirname(file), `.part-${randomBytes(6).toString('hex')}`);
		return {
			file,
			temp,
			keep: async () => {
				try {
					if ((await stat(temp)).size !== size) throw new Error('short');
					await rename(temp, file);
				} catch {
					await rm(temp, {force: true});
					return false;
				}
				this.removeStaleParts();
				this.kept();
				return true;
			},
			drop: () => rm(temp, {force: true}),
		};
	}

	/** Used now: the cap removes the least recently used first. */
	touch(file: string): void {
		try {
			const now = new Date();
			utimesSync(file, now, now);
		} catch {
			// Gone or read-only: still usable this run.
		}
	}

	list(): KeptBlobInfo[] {
		const blobs: KeptBlobInfo[] = [];
		for (const algorithm of ALGORITHMS) {
			const dir = path.join(this.dir, algorithm);
			for (const name of namesIn(dir)) {
				if (!/^[0-9a-f]+$/.test(name)) continue;
				const file = path.join(dir, name);
				try {
					const {size, mtimeMs} = statSync(file);
					blobs.push({file, bytes: size, usedMs: mtimeMs, digest: `${algorithm}:${name}`});
				} catch {
					// Removed meanwhile by another peel.
				}
			}
		}
		return blobs;
	}

	/** Removes downloads a crashed peel left unfinished (no live write is that old). */
	removeStaleParts(now = Date.now()): void {
		for (const algorithm of ALGORITHMS) {
			const dir = path.join(this.dir, algorithm);
			for (const name of namesIn(dir)) {
				if (!name.startsWith('.part-')) continue;
				try {
					const file = path.join(dir, name);
					if (now - statSync(file).mtimeMs > STALE_PART_MS) unlinkSync(file);
				} catch {
					// Gone meanwhile.
				}
			}
		}
	}
}

function namesIn(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch {
		return [];
	}
}

/** The file's digest, read in 1 MiB chunks ('' when it cannot be read). */
async function digestOfFile(file: string, algorithm: string): Promise<string> {
	const hash = createHash(algorithm);
	try {
		for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20})) hash.update(chunk as Buffer);
	} catch {
		return '';
	}
	return `${algorithm}:${hash.digest('hex')}`;
}
