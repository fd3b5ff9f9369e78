/**
 * Cuts a zstd stream (RFC 8878) into pieces that each hold at most one block, so a
 * decoder fed one piece at a time makes at most one block (128 KiB) of output per
 * call — even on a bomb of tiny RLE blocks. Skippable frames are dropped here.
 * Also enforces the window limit, since the pure-JS decoder has none.
 */
export class ZstdBlocks {
	private buffer: Buffer = Buffer.alloc(0);
	private state: 'magic' | 'block' | 'skip' = 'magic';
	private skipLeft = 0;
	private checksum = false;

	constructor(private readonly windowMax: number) {}

	push(chunk: Buffer): void {
		this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
	}

	/** The next piece to decode, or null when more input is needed. */
	next(): Buffer | null {
		for (;;) {
			const buf = this.buffer;
			if (this.state === 'skip') {
				const skipped = Math.min(this.skipLeft, buf.length);
				this.skipLeft -= skipped;
				this.buffer = buf.subarray(skipped);
				if (this.skipLeft > 0) return null;
				this.state = 'magic';
				continue;
			}
			if (this.state === 'magic') {
				if (buf.length < 4) return null;
				const magic = buf.readUInt32LE(0);
				if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) {
					if (buf.length < 8) return null;
					this.skipLeft = buf.readUInt32LE(4);
					this.buffer = buf.subarray(8);
					this.state = 'skip';
					continue;
				}
				if (magic !== 0xfd2fb528) throw new Error('invalid zstd data: unknown frame magic');
				if (buf.length < 6) return null;
				const length = this.frameHeader(buf);
				if (length === null) return null;
				this.state = 'block';
				return this.take(length);
			}
			if (buf.length < 3) return null;
			const header = buf[0]! | (buf[1]! << 8) | (buf[2]! << 16);
			const last = (header & 1) === 1;
			const type = (header >> 1) & 3;
			if (type === 3) throw new Error('invalid zstd data: reserved block type');
			// An RLE block stores one byte, repeated `size` times.
			let length = 3 + (type === 1 ? 1 : header >>> 3);
			if (last && this.checksum) length += 4;
			if (buf.length < length) return null;
			if (last) this.state = 'magic';
			return this.take(length);
		}
	}

	/** Throws if the input stopped in the middle of a frame. */
	end(): void {
		if (this.state !== 'magic' || this.buffer.length > 0) throw new Error('unexpected end of data');
	}

	/** The frame header's length, once all of it is here; checks the window it asks for. */
	private frameHeader(buf: Buffer): number | null {
		const descriptor = buf[4]!;
		const sizeFlag = descriptor >> 6;
		const singleSegment = (descriptor & 0x20) !== 0;
		if (descriptor & 0x08) throw new Error('invalid zstd data: reserved frame header bit set');
		this.checksum = (descriptor & 0x04) !== 0;
		const dictBytes = [0, 1, 2, 4][descriptor & 3]!;
		const sizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][sizeFlag]!;
		const length = 5 + (singleSegment ? 0 : 1) + dictBytes + sizeBytes;
		if (buf.length < length) return null;
		const window = frameWindow(buf)!;
		if (window > this.windowMax) throw new WindowTooLarge(window, this.windowMax);
		return length;
	}

	private take(length: number): Buffer {
		const piece = this.buffer.subarray(0, length);
		this.buffer = this.buffer.subarray(length);
		return piece;
	}
}

/** The window a zstd frame asks for, from its header at the start of `buf`; null if the header is not all there. */
export function frameWindow(buf: Buffer): number | null {
	if (buf.length < 6) return null;
	const descriptor = buf[4]!;
	const sizeFlag = descriptor >> 6;
	const singleSegment = (descriptor & 0x20) !== 0;
	const dictBytes = [0, 1, 2, 4][descriptor & 3]!;
	const sizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][sizeFlag]!;
	if (buf.length < 5 + (singleSegment ? 0 : 1) + dictBytes + sizeBytes) return null;
	if (singleSegment) {
		// The window is the whole content.
		const at = 5 + dictBytes;
		return sizeBytes === 1 ? buf[at]! : sizeBytes === 2 ? buf.readUInt16LE(at) + 256 : sizeBytes === 4 ? buf.readUInt32LE(at) : Number(buf.readBigUInt64LE(at));
	}
	const exponent = buf[5]! >> 3;
	const base = 2 ** (10 + exponent);
	return base + (base / 8) * (buf[5]! & 7);
}

/** A frame that needs more memory than peel allows (a `--long=28` or longer window). */
export class WindowTooLarge extends Error {
	constructor(window: number | null, max: number) {
		const needs = window === null ? 'needs a decompression window' : `needs a ${mib(window)} decompression window`;
		// Worded without "zstd"/"invalid"/"corrupt": readError would call it corrupt data.
		super(`${needs} larger than the ${mib(max)} peel allows: recompress this layer with a smaller window (--long=27 or less)`);
	}
}

function mib(bytes: number): string {
	return `${Math.ceil(bytes / 2 ** 20)} MiB`;
}
