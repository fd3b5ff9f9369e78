import {createHash, randomBytes} from 'node:crypto';
import {closeSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync} from 'node:fs';
import path from 'node:path';

/**
 * A cache file: magic, format version, payload length, sha256 of the payload, payload.
 * Anything else — another program's file, an older peel's, a torn or flipped byte — reads
 * as unusable, never as data.
 */
const MAGIC = Buffer.from('PEELCACH');
/** Bumped whenever what peel stores, or how, changes. */
export const CACHE_FORMAT = 1;
const HEADER = MAGIC.length + 4 + 8 + 32;

export type CacheRead = {ok: true; payload: Buffer} | {ok: false; reason: string};

export function readCacheFile(file: string): CacheRead | null {
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
		return {ok: false, reason: (error as Error).message};
	}
	if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return {ok: false, reason: 'not a peel cache file'};
	const format = bytes.readUInt32LE(MAGIC.length);
	if (format !== CACHE_FORMAT) return {ok: false, reason: `written by another peel (format ${format})`};
	const length = Number(bytes.readBigUInt64LE(MAGIC.length + 4));
	const payload = bytes.subarray(HEADER);
	if (payload.length !== length) return {ok: false, reason: `truncated (${payload.length} of ${length} bytes)`};
	const sum = bytes.subarray(MAGIC.length + 12, HEADER);
	if (!createHash('sha256').update(payload).digest().equals(sum)) return {ok: false, reason: 'its checksum does not match'};
	return {ok: true, payload};
}

/** Written whole or not at all: a temp file in the same directory, renamed. Readers see the old file or the new one. */
export function writeCacheFile(file: string, payload: Buffer): void {
	const header = Buffer.alloc(HEADER);
	MAGIC.copy(header);
	header.writeUInt32LE(CACHE_FORMAT, MAGIC.length);
	header.writeBigUInt64LE(BigInt(payload.length), MAGIC.length + 4);
	createHash('sha256').update(payload).digest().copy(header, MAGIC.length + 12);
	writeWhole(file, [header, payload]);
}

/** Temp file + rename: readers see the old file or the new one, never a torn one. */
export function writeWhole(file: string, parts: Buffer[]): void {
	const temp = path.join(path.dirname(file), `.tmp-${randomBytes(6).toString('hex')}`);
	const fd = openSync(temp, 'wx', 0o600);
	try {
		for (const part of parts) {
			let done = 0;
			while (done < part.length) done += writeSync(fd, part, done);
		}
		// No fsync: a cache file a crash leaves short or empty fails its checksum and is
		// rebuilt, and syncing the bench image's entries cost 0.8 s of a 10 s first run.
	} catch (error) {
		closeSync(fd);
		unlinkSync(temp);
		throw error;
	}
	closeSync(fd);
	try {
		renameSync(temp, file);
	} catch (error) {
		unlinkSync(temp);
		throw error;
	}
}

const CHUNK = 1 << 20;

/**
 * A big cache file (a JSON report) written by `fill` straight into the file after a blank
 * header, then hashed by reading it back in chunks: it never exists as one Buffer.
 */
export function writeCacheFileWith(file: string, fill: (fd: number) => void): number {
	const temp = path.join(path.dirname(file), `.tmp-${randomBytes(6).toString('hex')}`);
	const fd = openSync(temp, 'wx+', 0o600);
	let length = 0;
	try {
		// Not positioned: `fill` writes on from the file position this leaves after the header.
		writeSync(fd, Buffer.alloc(HEADER));
		fill(fd);
		const hash = createHash('sha256');
		const chunk = Buffer.allocUnsafe(CHUNK);
		for (let read; (read = readSync(fd, chunk, 0, CHUNK, HEADER + length)) > 0; length += read) hash.update(chunk.subarray(0, read));
		const header = Buffer.alloc(HEADER);
		MAGIC.copy(header);
		header.writeUInt32LE(CACHE_FORMAT, MAGIC.length);
		header.writeBigUInt64LE(BigInt(length), MAGIC.length + 4);
		hash.digest().copy(header, MAGIC.length + 12);
		writeSync(fd, header, 0, HEADER, 0);
	} catch (error) {
		closeSync(fd);
		unlinkSync(temp);
		throw error;
	}
	closeSync(fd);
	renameSync(temp, file);
	return length;
}

/**
 * Checks a big cache file in chunks, then hands its payload to `take` chunk by chunk (read
 * again: memory stays one chunk). A file that does not check out is reported, never passed on.
 */
export function readCacheFileInto(file: string, take: (chunk: Buffer) => void): {ok: true} | {ok: false; reason: string} | null {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch (error) {
		if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
		return {ok: false, reason: (error as Error).message};
	}
	try {
		const header = Buffer.alloc(HEADER);
		if (readSync(fd, header, 0, HEADER, 0) < HEADER || !header.subarray(0, MAGIC.length).equals(MAGIC)) return {ok: false, reason: 'not a peel cache file'};
		const format = header.readUInt32LE(MAGIC.length);
		if (format !== CACHE_FORMAT) return {ok: false, reason: `written by another peel (format ${format})`};
		const length = Number(header.readBigUInt64LE(MAGIC.length + 4));
		const chunk = Buffer.allocUnsafe(CHUNK);
		const each = (use: (bytes: Buffer) => void): number => {
			let done = 0;
			for (let read; done < length && (read = readSync(fd, chunk, 0, Math.min(CHUNK, length - done), HEADER + done)) > 0; done += read) use(chunk.subarray(0, read));
			return done;
		};
		const hash = createHash('sha256');
		const found = each(bytes => hash.update(bytes));
		if (found !== length) return {ok: false, reason: `truncated (${found} of ${length} bytes)`};
		if (!hash.digest().equals(header.subarray(MAGIC.length + 12, HEADER))) return {ok: false, reason: 'its checksum does not match'};
		each(take);
		return {ok: true};
	} finally {
		closeSync(fd);
	}
}
