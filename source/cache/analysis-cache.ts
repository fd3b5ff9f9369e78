import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, statSync, unlinkSync, utimesSync} from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type {LayerContents, LayerEntry} from '../layers/layer-entry.js';
import {CACHE_FORMAT, readCacheFile, readCacheFileInto, writeCacheFile, writeCacheFileWith} from './cache-file.js';
import {cacheCap, cacheDirectory} from './cache-location.js';
import {KeptBlobs} from './kept-blobs.js';
import {CachedLayerReader, encodeLayer} from './layer-codec.js';

/** A cached layer is found by what identifies its bytes: the diff_id and the blob digest (when the source knows it: not in a legacy docker save). */
export interface LayerKey {
	digest: string | null;
	diffId: string | null;
}

export type CacheEntryKind = 'layer' | 'image' | 'report' | 'blob';

export interface CacheEntryInfo {
	kind: CacheEntryKind;
	file: string;
	bytes: number;
	/** Last used (written or read). */
	usedMs: number;
	/** What it is about: a layer's digest, an image's reference, a blob's digest. */
	about: string;
}

/**
 * peel's analysis cache: per layer (decoded entries, by digest and diff_id, so that a base
 * layer shared by many images is decoded once) and per image (its analysis and report, by
 * what the source said about it). Only what the analysis needs: no file contents, never
 * credentials. Every write is whole or nothing; anything unreadable is ignored, reported
 * once through `warn`, and rebuilt.
 */
export class AnalysisCache {
	readonly dir: string;
	readonly cap: number;
	/** Registry blobs kept by digest, within the same cap (kept-blobs.ts). */
	readonly blobs: KeptBlobs;
	/** A cache that cannot be written is said once per run, not once per entry. */
	private saidUnwritable = false;

	constructor(
		options: {dir?: string; cap?: number} = {},
		private readonly warn: (message: string) => void = () => {},
	) {
		this.dir = options.dir ?? cacheDirectory();
		this.cap = options.cap ?? cacheCap();
		this.blobs = new KeptBlobs(path.join(this.dir, 'blobs'), this.cap, () => this.enforceCap(), warn, message => this.unwritable(message));
	}

	layerFile(key: LayerKey): string | null {
		if (!key.diffId) return null;
		return path.join(this.dir, 'layers', `${digestName(`${key.digest ?? 'unknown'}|${key.diffId}`)}.layer`);
	}

	/** Whether the layer has an entry (not whether it is usable: readLayer says that). */
	hasLayer(key: LayerKey): boolean {
		const file = this.layerFile(key);
		return file !== null && existsSync(file);
	}

	readLayer(key: LayerKey, label: string): LayerContents | null {
		const reader = this.openLayer(key, label);
		if (!reader) return null;
		const entries: LayerEntry[] = [];
		reader.next(reader.count, entries);
		return reader.contents(entries);
	}

	/** The layer's entry, to be unpacked a slice at a time (see CachedLayerReader); null when there is none usable. */
	openLayer(key: LayerKey, label: string): CachedLayerReader | null {
		const file = this.layerFile(key);
		const payload = file ? this.read(file, label) : null;
		if (!payload) return null;
		try {
			const reader = new CachedLayerReader(payload, label);
			const {diffId, digest} = reader.contents([]);
			if (diffId !== key.diffId || (key.digest !== null && digest !== key.digest)) throw new Error('it belongs to another layer');
			return reader;
		} catch (error) {
			this.unusable(file!, label, (error as Error).message);
			return null;
		}
	}

	writeLayer(key: LayerKey, contents: LayerContents, label: string): void {
		const file = this.layerFile(key);
		if (file) this.write(file, () => encodeLayer(contents, label), label);
	}

	imageFile(fingerprint: string): string {
		return path.join(this.dir, 'images', `${digestName(fingerprint)}.image`);
	}

	/** Whether the image has a record (not whether it is usable: readImage says that). */
	hasImage(fingerprint: string): boolean {
		return existsSync(this.imageFile(fingerprint));
	}

	/** An image record: whatever the caller stored, checked to be for this fingerprint. */
	readImage<T>(fingerprint: string, about: string): T | null {
		const file = this.imageFile(fingerprint);
		const payload = this.read(file, about);
		if (!payload) return null;
		try {
			const record = v8.deserialize(payload) as {fingerprint: string; value: T};
			if (record.fingerprint !== fingerprint) throw new Error('it belongs to another image');
			return record.value;
		} catch (error) {
			this.unusable(file, about, (error as Error).message);
			return null;
		}
	}

	writeImage(fingerprint: string, about: string, value: unknown): void {
		this.write(this.imageFile(fingerprint), () => v8.serialize({fingerprint, about, value}), about);
	}

	reportFile(fingerprint: string): string {
		return path.join(this.dir, 'images', `${digestName(fingerprint)}.report`);
	}

	/** Streams the stored report of an image to `take`, after checking it whole; false when there is none usable. */
	readReport(fingerprint: string, about: string, take: (chunk: Buffer) => void): boolean {
		const file = this.reportFile(fingerprint);
		const read = readCacheFileInto(file, take);
		if (!read) return false;
		if (!read.ok) {
			this.unusable(file, `the report of ${about}`, read.reason);
			return false;
		}
		touch(file);
		return true;
	}

	/** Stores an image's report as `fill` writes it to a file descriptor; its size, or null when it could not be stored. */
	writeReport(fingerprint: string, about: string, fill: (fd: number) => void): number | null {
		const file = this.reportFile(fingerprint);
		try {
			mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
			return writeCacheFileWith(file, fill);
		} catch (error) {
			this.unwritable(`the cached report of ${about} was not written (${(error as Error).message}); ${this.dir} is left as it was`);
			return null;
		}
	}

	/** Every entry, newest use first; `describe` reads each one for what it is about (peel cache ls only: it reads the whole cache). */
	list(describeEntries = false): CacheEntryInfo[] {
		const entries: CacheEntryInfo[] = [];
		for (const folder of ['layers', 'images']) {
			const dir = path.join(this.dir, folder);
			let names: string[] = [];
			try {
				names = readdirSync(dir);
			} catch {
				continue;
			}
			for (const name of names) {
				const kind = (['layer', 'image', 'report'] as const).find(k => name.endsWith(`.${k}`));
				if (!kind || name.startsWith('.')) continue;
				const file = path.join(dir, name);
				try {
					const stat = statSync(file);
					entries.push({kind, file, bytes: stat.size, usedMs: stat.mtimeMs, about: describeEntries ? describe(file, kind) : ''});
				} catch {
					// Removed meanwhile by another peel.
				}
			}
		}
		for (const blob of this.blobs.list()) entries.push({kind: 'blob', file: blob.file, bytes: blob.bytes, usedMs: blob.usedMs, about: blob.digest});
		return entries.sort((a, b) => b.usedMs - a.usedMs);
	}

	/** Removes entries last used before `beforeMs` (all with 0… Infinity); returns what went. */
	prune(beforeMs: number): CacheEntryInfo[] {
		const gone = this.list().filter(entry => entry.usedMs < beforeMs);
		for (const entry of gone) removeQuietly(entry.file);
		this.blobs.removeStaleParts();
		return gone;
	}

	/** Oldest first until the cache fits its cap. */
	enforceCap(): void {
		const entries = this.list();
		let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
		for (let i = entries.length - 1; i >= 0 && total > this.cap; i--) {
			removeQuietly(entries[i]!.file);
			total -= entries[i]!.bytes;
		}
	}

	private read(file: string, about: string): Buffer | null {
		const read = readCacheFile(file);
		if (!read) return null;
		if (!read.ok) {
			this.unusable(file, about, read.reason);
			return null;
		}
		touch(file);
		return read.payload;
	}

	private write(file: string, payload: () => Buffer, about: string): void {
		try {
			mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
			writeCacheFile(file, payload());
			this.enforceCap();
		} catch (error) {
			// A cache that cannot be written costs speed, not results.
			this.unwritable(`the cache entry for ${about} was not written (${(error as Error).message}); ${this.dir} is left as it was`);
		}
	}

	private unwritable(message: string): void {
		if (!this.saidUnwritable) this.warn(message);
		this.saidUnwritable = true;
	}

	private unusable(file: string, about: string, reason: string): void {
		this.warn(`ignored the cache entry for ${about} (${reason}); it is rebuilt`);
		removeQuietly(file);
	}
}

/** Used now: the cap removes the least recently used first. */
function touch(file: string): void {
	try {
		const now = new Date();
		utimesSync(file, now, now);
	} catch {
		// Read-only cache: still usable.
	}
}

function digestName(text: string): string {
	return createHash('sha256').update(`peel-cache-${CACHE_FORMAT}\n${text}`).digest('hex');
}

/** What an entry is about, for `peel cache ls`: read from the entry itself (cheap for images; layers say their digest). */
function describe(file: string, kind: CacheEntryKind): string {
	const read = kind === 'report' ? null : readCacheFile(file);
	if (kind === 'report') return 'the --json report of the image beside it';
	if (!read?.ok) return 'unreadable (removed on next use)';
	try {
		if (kind === 'image') return String((v8.deserialize(read.payload) as {about?: string}).about ?? '');
		const {rest} = v8.deserialize(read.payload) as {rest: {digest: string; entryCount?: number}};
		return rest.digest;
	} catch {
		return 'unreadable (removed on next use)';
	}
}

function removeQuietly(file: string): void {
	try {
		unlinkSync(file);
	} catch {
		// Already gone.
	}
}
