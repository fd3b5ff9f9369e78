import {Transform, type TransformCallback} from 'node:stream';

/**
 * Deflate blocks start at any bit, and zlib's public API inflates only from a byte
 * boundary. A deflate stream is read from the low bit of each byte up, so the stream
 * that starts `shift` bits into a byte is the bytes moved down by `shift` bits: byte j of
 * it is the high bits of input byte j and the low bits of byte j + 1.
 */
export function shiftBits(bytes: Uint8Array, shift: number, next = 0): Buffer {
	const out = Buffer.allocUnsafe(bytes.length);
	if (shift === 0) {
		out.set(bytes);
		return out;
	}
	const up = 8 - shift;
	const last = bytes.length - 1;
	for (let i = 0; i < last; i++) out[i] = ((bytes[i]! >> shift) | (bytes[i + 1]! << up)) & 0xff;
	if (last >= 0) out[last] = ((bytes[last]! >> shift) | (next << up)) & 0xff;
	return out;
}

/** shiftBits over a stream: each chunk waits for the first byte of the next. */
export class BitShift extends Transform {
	private held: Buffer | null = null;

	constructor(private readonly shift: number) {
		super();
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		if (this.shift === 0) {
			callback(null, chunk);
			return;
		}
		if (chunk.length === 0) {
			callback();
			return;
		}
		const held = this.held;
		this.held = chunk;
		callback(null, held ? shiftBits(held, this.shift, chunk[0]) : undefined);
	}

	override _flush(callback: TransformCallback): void {
		callback(null, this.held ? shiftBits(this.held, this.shift) : undefined);
	}
}
