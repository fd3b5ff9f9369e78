import {createHash, hash as hashOnce, type Hash} from 'node:crypto';
import {readPaxRecords} from './pax-records.js';
import {MAX_SPECIAL_BYTES} from './tar-shim.js';

/**
 * A tar parser for the common case, on the bytes as they come: no stream, no object but
 * the header per entry, file data hashed in place (most files in one call, on a view of
 * the inflated chunk). It reads what real layers are made of: ustar, GNU and v7 headers
 * of the plain types, PAX 'x' headers and GNU long names. Anything else (a PAX global
 * header, sparse files, a bad checksum, a base-256 number, a directory with data, an
 * unknown type, …) is not guessed at: the scan stops at the start of that entry's first
 * record and hands the bytes from there on to tar-stream (with tar-shim.ts), which then
 * reads the rest of the layer exactly as it reads every layer's bytes otherwise.
 *
 * The headers it gives are what tar-stream's would hold for the fields decode-layer reads
 * (name and linkname as latin1, the long names and PAX path/linkpath/size applied).
 */
export interface ScannedHeader {
	name: string;
	/** tar-stream's type names ('file', 'directory', 'symlink', 'link', …). */
	type: string;
	size: number;
	mode: number;
	uid: number;
	gid: number;
	linkname: string | null;
	pax: Record<string, string> | null;
}

export interface ScanSink {
	/**
	 * An entry (its first record at `start` of the tar). Returns where the sha256 of its data
	 * goes (base64url), or null when its data is only skipped. May throw: the scan fails.
	 */
	entry(header: ScannedHeader, start: number): ((digest: string) => void) | null;
	/** After each entry: calls `goOn` now or later (the taker's pace). */
	pace?: (goOn: () => void) => void;
}

/** Where the scan stopped: the bytes from `offset` of the tar on, for tar-stream to read. */
export interface Handover {
	offset: number;
	pieces: Uint8Array[];
}

const BLOCK = 512;
/** Not a number this scan reads itself (base-256, a sign, junk): tar-stream decides. */
const ODD = -1;
const TYPES = ['file', 'link', 'symlink', 'character-device', 'block-device', 'directory', 'fifo', 'contiguous-file'];
const FLAG_PAX = 72; // 'x' − '0'
const FLAG_LONG_LINK = 27; // 'K'
const FLAG_LONG_PATH = 28; // 'L'
const FLAG_LONG_PATH_OLD = 30; // 'N'
const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00];

const enum State {
	Header,
	/** A PAX header's or long name's data. */
	Long,
	Data,
	Skip,
}

export class TarScanner {
	/** Set when the scan stopped at something it leaves to tar-stream (see Handover). */
	handover: Handover | null = null;
	private state = State.Header;
	/** Bytes of the tar before the current chunk. */
	private before = 0;
	private chunk: Uint8Array = new Uint8Array(0);
	private pos = 0;
	private done: ((error?: unknown) => void) | null = null;
	/** A header block split across chunks. */
	private readonly partial = Buffer.alloc(BLOCK);
	private partialLength = 0;
	private partialStart = 0;
	private missing = 0;
	/** Data bytes to skip (padding, or data no one wants). */
	private skip = 0;
	private take: ((digest: string) => void) | null = null;
	private hash: Hash | null = null;
	private entrySize = 0;
	private longFlag = 0;
	private long: Buffer | null = null;
	private longFilled = 0;
	/** Copies of the records read so far of the entry being assembled (PAX, long names), for a handover. */
	private group: Uint8Array[] | null = null;
	private groupStart = 0;
	private longPath: string | null = null;
	private longLink: string | null = null;
	private pax: Record<string, string> | null = null;
	private pacing = false;
	private resumed = false;
	private readonly goOn = () => {
		if (this.pacing) this.resumed = true;
		else this.run();
	};

	constructor(private readonly sink: ScanSink) {}

	/** Scans a chunk; `done` when all of it is taken, or the scan failed or handed over. */
	write(chunk: Uint8Array, done: (error?: unknown) => void): void {
		this.chunk = chunk;
		this.pos = 0;
		this.done = done;
		this.run();
	}

	/** At the end of the tar: an error if it ended inside a record (tar-stream's words). */
	end(): Error | null {
		const clean = this.state === State.Header ? this.partialLength === 0 : this.state === State.Skip && this.skip === 0;
		return clean ? null : new Error('Unexpected end of data');
	}

	private run(): void {
		try {
			if (this.scan()) this.finish();
		} catch (error) {
			this.finish(error);
		}
	}

	private finish(error?: unknown): void {
		const done = this.done;
		this.before += this.chunk.length;
		this.done = null;
		done?.(error);
	}

	/** Goes through the chunk: true when it is all taken (or handed over), false when held by the pace. */
	private scan(): boolean {
		const chunk = this.chunk;
		while (this.pos < chunk.length) {
			switch (this.state) {
				case State.Skip: {
					const n = Math.min(this.skip, chunk.length - this.pos);
					this.keep(chunk.subarray(this.pos, this.pos + n));
					this.pos += n;
					this.skip -= n;
					if (this.skip === 0) this.state = State.Header;
					break;
				}
				case State.Data: {
					const n = Math.min(this.missing, chunk.length - this.pos);
					const data = chunk.subarray(this.pos, this.pos + n);
					this.pos += n;
					this.missing -= n;
					if (this.missing === 0 && !this.hash) {
						this.take!(hashOnce('sha256', data, 'base64url'));
					} else {
						this.hash ??= createHash('sha256');
						this.hash.update(data);
						if (this.missing > 0) break;
						this.take!(this.hash.digest('base64url'));
						this.hash = null;
					}
					this.take = null;
					this.toPadding(this.entrySize);
					if (!this.paced()) return false;
					break;
				}
				case State.Long: {
					const long = this.long!;
					const n = Math.min(long.length - this.longFilled, chunk.length - this.pos);
					long.set(chunk.subarray(this.pos, this.pos + n), this.longFilled);
					this.pos += n;
					this.longFilled += n;
					if (this.longFilled < long.length) break;
					this.group!.push(long);
					this.long = null;
					if (!this.readLong(long)) return this.handOver(this.pos, []);
					this.toPadding(long.length);
					break;
				}
				case State.Header: {
					let block: Uint8Array;
					let start: number;
					if (this.partialLength === 0 && chunk.length - this.pos >= BLOCK) {
						block = chunk.subarray(this.pos, this.pos + BLOCK);
						start = this.before + this.pos;
						this.pos += BLOCK;
					} else {
						if (this.partialLength === 0) this.partialStart = this.before + this.pos;
						const n = Math.min(BLOCK - this.partialLength, chunk.length - this.pos);
						this.partial.set(chunk.subarray(this.pos, this.pos + n), this.partialLength);
						this.pos += n;
						this.partialLength += n;
						if (this.partialLength < BLOCK) break;
						this.partialLength = 0;
						block = this.partial;
						start = this.partialStart;
					}
					const going = this.header(block, start);
					if (going === null) {
						// The block goes to tar-stream with the rest: from the chunk where it lies whole there, else as a copy.
						return block === this.partial ? this.handOver(this.pos, [Buffer.from(block)]) : this.handOver(this.pos - BLOCK, []);
					}
					if (!going) return false;
					break;
				}
			}
		}
		return true;
	}

	/**
	 * One header block: false when held by the pace after it, null when it is left to
	 * tar-stream (nothing of it taken), else true.
	 */
	private header(block: Uint8Array, start: number): boolean | null {
		const sum = checksum(block);
		if (sum === 8 * 32) {
			// A zero block (the archive's end, or padding). A record waiting for its entry is tar-stream's to carry over.
			return this.group ? null : true;
		}
		if (octal(block, 148, 8) !== sum) return null;
		const flag = block[156] === 0 ? 0 : block[156]! - 48;
		const size = octal(block, 124, 12);
		if (size === ODD) return null;
		if (flag === FLAG_PAX || flag === FLAG_LONG_PATH || flag === FLAG_LONG_PATH_OLD || flag === FLAG_LONG_LINK) {
			if (size > MAX_SPECIAL_BYTES) return null;
			if (!this.group) {
				this.group = [];
				this.groupStart = start;
			}
			this.group.push(Buffer.from(block));
			this.longFlag = flag;
			this.long = Buffer.allocUnsafe(size);
			this.longFilled = 0;
			if (size === 0) {
				this.group.push(this.long);
				const long = this.long;
				this.long = null;
				if (!this.readLong(long)) return null;
				return true;
			}
			this.state = State.Long;
			return true;
		}
		let type = flag >= 0 && flag < TYPES.length ? TYPES[flag]! : null;
		if (!type) return null;
		const mode = octal(block, 100, 8);
		const uid = octal(block, 108, 8);
		const gid = octal(block, 116, 8);
		if (mode === ODD || uid === ODD || gid === ODD) return null;
		let name = latin1(block, 0, 100);
		if (USTAR.every((byte, i) => block[257 + i] === byte) && block[345]) name = `${latin1(block, 345, 155)}/${name}`;
		if (flag === 0 && name.endsWith('/')) type = 'directory';
		let linkname = block[157] === 0 ? null : latin1(block, 157, 100);
		let dataSize = size;
		if (this.longPath !== null) name = this.longPath;
		if (this.longLink !== null) linkname = this.longLink;
		const pax = this.pax;
		if (pax) {
			if (pax['path']) name = pax['path'];
			if (pax['linkpath']) linkname = pax['linkpath'];
			if (pax['size']) dataSize = Number.parseInt(pax['size'], 10);
		}
		if (!(dataSize >= 0) || (type === 'directory' && dataSize > 0)) return null;
		const entryStart = this.group ? this.groupStart : start;
		this.group = null;
		this.longPath = null;
		this.longLink = null;
		this.pax = null;
		const take = this.sink.entry({name, type, size: dataSize, mode, uid, gid, linkname, pax}, entryStart);
		if (take && dataSize > 0) {
			this.take = take;
			this.missing = dataSize;
			this.entrySize = dataSize;
			this.state = State.Data;
			return true;
		}
		if (take) take(EMPTY_DIGEST);
		this.skip = dataSize + padding(dataSize);
		this.state = this.skip > 0 ? State.Skip : State.Header;
		return this.paced();
	}

	/** A PAX record or long name read whole: false when it is left to tar-stream. */
	private readLong(data: Buffer): boolean {
		if (this.longFlag === FLAG_PAX) {
			const {records, problem} = readPaxRecords(data);
			if (problem) return false;
			for (const key in records) if (key.startsWith('GNU.sparse.')) return false;
			this.pax = records;
		} else if (this.longFlag === FLAG_LONG_LINK) this.longLink = latin1(data, 0, data.length);
		else this.longPath = latin1(data, 0, data.length);
		return true;
	}

	private toPadding(size: number): void {
		this.skip = padding(size);
		this.state = this.skip > 0 ? State.Skip : State.Header;
	}

	/** Keeps skipped bytes while a group is being read (they go to tar-stream if it takes over). */
	private keep(bytes: Uint8Array): void {
		if (this.group && bytes.length > 0) this.group.push(Buffer.from(bytes));
	}

	/** Asks the pace whether to go on: true to go on now. */
	private paced(): boolean {
		const pace = this.sink.pace;
		if (!pace) return true;
		this.pacing = true;
		this.resumed = false;
		pace(this.goOn);
		this.pacing = false;
		return this.resumed;
	}

	private handOver(from: number, extra: Uint8Array[]): true {
		const pieces = [...(this.group ?? []), ...extra, this.chunk.subarray(from)];
		const offset = this.group ? this.groupStart : extra.length > 0 ? this.partialStart : this.before + from;
		this.handover = {offset, pieces};
		this.group = null;
		return true;
	}
}

const EMPTY_DIGEST = hashOnce('sha256', new Uint8Array(0), 'base64url');

function padding(size: number): number {
	return (BLOCK - (size % BLOCK)) % BLOCK;
}

function checksum(block: Uint8Array): number {
	let sum = 8 * 32;
	for (let i = 0; i < 148; i++) sum += block[i]!;
	for (let i = 156; i < BLOCK; i++) sum += block[i]!;
	return sum;
}

/**
 * An octal field as tar-stream reads it (leading spaces and NULs skipped, up to the first
 * space, the digits parseInt would take), or ODD where parseInt would see anything but a
 * digit first, or the field is base-256.
 */
function octal(block: Uint8Array, at: number, width: number): number {
	if (block[at]! & 0x80) return ODD;
	const end = at + width;
	let i = at;
	while (i < end && block[i] === 32) i++;
	let stop = i;
	while (stop < end && block[stop] !== 32) stop++;
	while (i < stop && block[i] === 0) i++;
	if (i === stop) return 0;
	let value = 0;
	let digits = 0;
	for (; i < stop; i++, digits++) {
		const digit = block[i]! - 48;
		if (digit < 0 || digit > 7) break;
		value = value * 8 + digit;
	}
	return digits === 0 ? ODD : value;
}

/** Bytes up to the first NUL within the field, as latin1 (tar-stream's 'binary'). `bytes` is a Buffer (see TarIntake). */
function latin1(bytes: Uint8Array, at: number, width: number): string {
	let end = at;
	const limit = at + width;
	while (end < limit && bytes[end] !== 0) end++;
	return (bytes as Buffer).toString('latin1', at, end);
}
