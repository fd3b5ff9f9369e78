import {createHash, type Hash} from 'node:crypto';
import type tar from 'tar-stream';
import {parseDecimal, SPARSE_MAP} from './pax-records.js';
import {CorruptEntryError, MAX_SPECIAL_BYTES, oldGnuSparse, shownName} from './tar-shim.js';

/**
 * GNU sparse files, read as Go's archive/tar (and so dive and every engine) reads them: the
 * real name and the apparent size, and content as the expanded bytes (holes are zeros), so
 * that the same file hashes the same in every dialect and unsparsed. Dialects: old GNU 'S'
 * (map in the header and extension blocks, see tar-shim.ts) and PAX 0.0 (repeated
 * offset/numbytes records), 0.1 (GNU.sparse.map) and 1.0 (the map at the start of the data).
 */

/** Where a sparse file's bytes are: enough to expand it again later. */
export interface SparseMap {
	/** [offset, length, offset, length, …]: the data regions of the expanded file, in order; the rest is holes. */
	regions: number[];
	/** Bytes of the entry's stored data before the first region's (the 1.0 map and its padding). */
	mapBytes: number;
}

export interface SparsePlan {
	/** GNU.sparse.name: the real name, when the header carries a placeholder. */
	name: string | null;
	realSize: number;
	/** null for 1.0: the map is read from the data. */
	regions: number[] | null;
}

/** The sparse plan of an entry, or null for an ordinary one (Go's reader.go handleSparseFile rules). */
export function sparsePlan(header: tar.Header, name: string): SparsePlan | null {
	const old = oldGnuSparse(header);
	if (old) {
		if (!Number.isSafeInteger(old.realSize)) throw new CorruptEntryError(`sparse file "${shownName(name)}" has no readable real size`);
		return {name: null, realSize: old.realSize, regions: old.regions};
	}
	const pax = (header as {pax?: Record<string, string> | null}).pax;
	if (!pax) return null;
	const major = pax['GNU.sparse.major'] ?? '';
	const minor = pax['GNU.sparse.minor'] ?? '';
	let version: '0.x' | '1.0';
	if (major === '0' && (minor === '0' || minor === '1')) version = '0.x';
	else if (major === '1' && minor === '0') version = '1.0';
	else if (major !== '' || minor !== '') return null; // a version no one knows: a plain file, as Go reads it
	else if ((pax[SPARSE_MAP] ?? '') !== '') version = '0.x';
	else return null;
	const sizeText = pax['GNU.sparse.size'] ?? pax['GNU.sparse.realsize'];
	const realSize = sizeText === undefined ? (header.size ?? 0) : parseDecimal(sizeText);
	if (realSize === null) throw new CorruptEntryError(`sparse file "${shownName(name)}" has a real size that is not a decimal integer`);
	const sparseName = pax['GNU.sparse.name'] || null;
	if (version === '1.0') return {name: sparseName, realSize, regions: null};
	const count = parseDecimal(pax['GNU.sparse.numblocks'] ?? '');
	const fields = (pax[SPARSE_MAP] ?? '') === '' ? [] : pax[SPARSE_MAP]!.split(',');
	if (count === null || fields.length !== 2 * count) throw new CorruptEntryError(`sparse file "${shownName(name)}" has a map that does not match GNU.sparse.numblocks`);
	const regions = fields.map(parseDecimal);
	if (regions.includes(null)) throw new CorruptEntryError(`sparse file "${shownName(name)}" has a map with a value that is not a decimal integer`);
	return {name: sparseName, realSize, regions: regions as number[]};
}

const ZEROS_CHUNK = 1 << 20;
/**
 * Holes hashed as zeros at most (~12 s of sha256 here): a few-KB archive could otherwise
 * claim petabytes. Past it, the hash is of the map and the data instead (see finish).
 */
export const MAX_HOLE_BYTES = 16 * 2 ** 30;
let zeros: Buffer | null = null;

/**
 * Hashes a sparse file's expanded bytes as its stored data streams by: one shared block of
 * zeros for the holes, so memory stays constant whatever the apparent size (time does not:
 * holes are hashed as the zeros they stand for, ~1.4 GB/s here, as dive reads them).
 */
export class SparseHasher {
	private readonly hash: Hash = createHash('sha256');
	private regions: number[] | null;
	private mapBytes = 0;
	/** 1.0 only: numbers of the map read so far, and the digits of the one being read. */
	private numbers: number[] = [];
	private digits = '';
	private padding = 0;
	private region = -2;
	private left = 0;
	private position = 0;

	constructor(
		private readonly plan: SparsePlan,
		private readonly storedSize: number,
		private readonly name: string,
	) {
		this.regions = plan.regions;
		if (this.regions) this.check(this.regions, storedSize);
	}

	write(chunk: Buffer): void {
		let at = 0;
		if (!this.regions) at = this.readMap(chunk);
		if (this.padding > 0 && at < chunk.length) {
			const skip = Math.min(this.padding, chunk.length - at);
			this.padding -= skip;
			at += skip;
		}
		while (at < chunk.length) {
			if (this.left === 0) this.nextRegion();
			const take = Math.min(this.left, chunk.length - at);
			this.hash.update(chunk.subarray(at, at + take));
			this.left -= take;
			this.position += take;
			at += take;
		}
	}

	/**
	 * The sha256 of the expanded file (base64url), and its map. `byMap`: the holes were too
	 * big to hash, so the digest is of the regions (merged, so every dialect gives the same)
	 * and the data; it starts with "~", which no sha256 in base64url does, so it never equals
	 * an unsparsed file's.
	 */
	finish(): {digest: string; map: SparseMap; byMap: boolean} {
		if (!this.regions || this.padding > 0) throw this.corrupt('ends inside its sparse map');
		// Regions not reached yet must be empty (GNU tar ends its maps with one: "size,0").
		let missing = this.left;
		for (let i = this.region + 3; i < this.regions.length; i += 2) missing += this.regions[i]!;
		if (missing > 0) throw this.corrupt('has less data than its sparse map says');
		const map = {regions: this.regions, mapBytes: this.mapBytes};
		if (this.byMap) return {digest: `~${this.hash.update(JSON.stringify([this.plan.realSize, merged(this.regions)])).digest('base64url')}`, map, byMap: true};
		this.zeros(this.plan.realSize - this.position);
		return {digest: this.hash.digest('base64url'), map, byMap: false};
	}

	private nextRegion(): void {
		const regions = this.regions!;
		do {
			this.region += 2;
			if (this.region >= regions.length) throw this.corrupt('has more data than its sparse map says');
		} while (regions[this.region + 1] === 0);
		this.zeros(regions[this.region]! - this.position);
		this.position = regions[this.region]!;
		this.left = regions[this.region + 1]!;
	}

	/** Whether the holes are too big to hash (known once the map is: check sets it). */
	private byMap = false;

	private zeros(count: number): void {
		if (this.byMap) return;
		zeros ??= Buffer.alloc(ZEROS_CHUNK);
		for (let n = count; n > 0; n -= ZEROS_CHUNK) this.hash.update(n >= ZEROS_CHUNK ? zeros : zeros.subarray(0, n));
	}

	/** GNU 1.0: decimal numbers, one a line (count, then offset and length pairs), padded to a 512-byte block. */
	private readMap(chunk: Buffer): number {
		let at = 0;
		while (at < chunk.length) {
			const byte = chunk[at++]!;
			this.mapBytes++;
			if (this.mapBytes > MAX_SPECIAL_BYTES) throw this.corrupt(`has a sparse map of more than ${MAX_SPECIAL_BYTES} bytes; peel, like Go's archive/tar, reads at most that`);
			if (byte !== 0x0a) {
				if (byte < 0x30 || byte > 0x39 || this.digits.length >= 16) throw this.corrupt('has a sparse map that is not decimal numbers');
				this.digits += String.fromCharCode(byte);
				continue;
			}
			const value = parseDecimal(this.digits);
			if (value === null) throw this.corrupt('has a sparse map that is not decimal numbers');
			this.digits = '';
			this.numbers.push(value);
			if (this.numbers.length === 1 + 2 * this.numbers[0]!) {
				const regions = this.numbers.slice(1);
				this.numbers = [];
				this.padding = (512 - (this.mapBytes % 512)) % 512;
				this.mapBytes += this.padding;
				this.check(regions, this.storedSize - this.mapBytes);
				this.regions = regions;
				return at;
			}
		}
		return at;
	}

	/** Go's validateSparseEntries, plus: the stored data is exactly what the regions hold. */
	private check(regions: number[], dataBytes: number): void {
		let end = 0;
		let total = 0;
		for (let i = 0; i < regions.length; i += 2) {
			const offset = regions[i]!;
			const length = regions[i + 1]!;
			if (!(offset >= end) || !(length >= 0) || offset + length > this.plan.realSize) throw this.corrupt('has a sparse map with overlapping or out-of-range regions');
			end = offset + length;
			total += length;
		}
		if (total !== dataBytes) throw this.corrupt(`stores ${dataBytes} bytes of data but its sparse map says ${total}`);
		this.byMap = this.plan.realSize - total > MAX_HOLE_BYTES;
	}

	private corrupt(what: string): CorruptEntryError {
		return new CorruptEntryError(`sparse file "${shownName(this.name)}" ${what}`);
	}
}

/** Regions without empty ones, adjacent ones joined: the same file's map in any dialect. */
function merged(regions: number[]): number[] {
	const out: number[] = [];
	for (let i = 0; i < regions.length; i += 2) {
		const [offset, length] = [regions[i]!, regions[i + 1]!];
		if (length === 0) continue;
		if (out.length > 0 && out[out.length - 2]! + out[out.length - 1]! === offset) out[out.length - 1]! += length;
		else out.push(offset, length);
	}
	return out;
}
