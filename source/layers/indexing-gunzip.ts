import {Transform, type TransformCallback} from 'node:stream';
import zlib from 'node:zlib';
import {shiftBits} from './bit-shift.js';
import type {GzipCheckpoint} from './seek-index.js';
import {openGunzipHandle, type GunzipHandle} from './zlib-handle.js';

/** A checkpoint is taken at the first block boundary after every this many bytes of output. */
export const CHECKPOINT_SPACING = 8 << 20;
/** At most this many per layer: when full, every other one goes and the spacing doubles. */
export const MAX_CHECKPOINTS = 128;
const WINDOW = 32 << 10;
/** Compressed bytes after a boundary that its bit position is checked on. */
const VERIFY_INPUT = 2048;
const MIN_VERIFIED_OUTPUT = 64;
const OUT_CHUNK = 1 << 20;
const {Z_NO_FLUSH, Z_BLOCK, Z_FINISH, Z_SYNC_FLUSH} = zlib.constants;

/** A block boundary found, waiting for the bytes after it that tell its exact bit. */
interface Candidate {
	/** Bytes of the blob consumed when zlib stopped there. */
	byte: number;
	/** The last consumed byte (the block may start inside it). */
	before: number;
	out: number;
	window: Buffer;
	input: Buffer[];
	inputBytes: number;
	output: Buffer[];
	outputBytes: number;
}

/**
 * gunzip (multi-member streams too, trailing garbage ignored, like zlib's Gunzip) that also
 * records a seek index while it inflates: every CHECKPOINT_SPACING bytes of output it asks
 * zlib to stop at the next deflate block boundary (Z_BLOCK), and keeps that position with
 * the 32 KiB of output before it. zlib stops there with 0-7 bits of the last byte it took
 * still unread, and Node does not say how many; each of the 8 bit positions is tried on
 * the next few KiB of input, and a checkpoint kept only when exactly one gives the very
 * bytes the stream went on with. Keeps to backpressure like zstd-napi-stream.
 */
export class IndexingGunzip extends Transform {
	readonly checkpoints: GzipCheckpoint[] = [];
	private spacing = CHECKPOINT_SPACING;
	private nextAt = CHECKPOINT_SPACING;
	private inPos = 0;
	private outPos = 0;
	private lastByte = 0;
	/** The latest output pieces, at least WINDOW bytes of them when there are. */
	private recent: Buffer[] = [];
	private recentBytes = 0;
	private candidate: Candidate | null = null;
	private out = Buffer.allocUnsafe(OUT_CHUNK);
	private outOff = 0;
	private ended = false;
	private wake: (() => void) | null = null;

	private constructor(private readonly handle: GunzipHandle) {
		// Room for one output chunk: a full one does not stall the inflating until it is read.
		super({readableHighWaterMark: OUT_CHUNK});
	}

	/** An indexing gunzip, or null when zlib's native handle is not usable here (see zlib-handle.ts). */
	static create(): IndexingGunzip | null {
		const handle = openGunzipHandle();
		return handle ? new IndexingGunzip(handle) : null;
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.inflate(chunk, false).then(() => callback(), callback);
	}

	override _flush(callback: TransformCallback): void {
		this.inflate(Buffer.alloc(0), true).then(() => {
			this.verify();
			callback();
		}, callback);
	}

	override _read(size: number): void {
		const wake = this.wake;
		this.wake = null;
		wake?.();
		super._read(size);
	}

	override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
		this.handle.close();
		callback(error);
	}

	private async inflate(input: Buffer, finish: boolean): Promise<void> {
		let off = 0;
		let len = input.length;
		while (!this.ended) {
			const flush = finish ? Z_FINISH : this.outPos >= this.nextAt && !this.candidate ? Z_BLOCK : Z_NO_FLUSH;
			const room = this.out.length - this.outOff;
			const [roomLeft, inputLeft] = await this.handle.write(flush, input, off, len, this.out, this.outOff, room);
			const consumed = len - inputLeft;
			const produced = room - roomLeft;
			if (consumed > 0) {
				this.taken(input.subarray(off, off + consumed));
				off += consumed;
				len = inputLeft;
			}
			if (produced > 0) {
				const piece = this.out.subarray(this.outOff, this.outOff + produced);
				this.outOff += produced;
				if (roomLeft === 0) {
					this.out = Buffer.allocUnsafe(OUT_CHUNK);
					this.outOff = 0;
				}
				this.produced(piece);
				if (!this.push(piece)) await new Promise<void>(resolve => (this.wake = resolve));
			}
			if (roomLeft === 0) continue;
			if (finish || len === 0) return;
			if (flush === Z_BLOCK) {
				this.found();
				continue;
			}
			// Input left, output room, no stop asked for: the gzip stream ended; the rest is not gzip.
			this.ended = true;
		}
	}

	private taken(bytes: Buffer): void {
		this.inPos += bytes.length;
		this.lastByte = bytes[bytes.length - 1]!;
		const candidate = this.candidate;
		if (!candidate || candidate.inputBytes >= VERIFY_INPUT) return;
		const piece = Buffer.from(bytes.subarray(0, VERIFY_INPUT - candidate.inputBytes));
		candidate.input.push(piece);
		candidate.inputBytes += piece.length;
	}

	private produced(piece: Buffer): void {
		this.outPos += piece.length;
		this.recent.push(piece);
		this.recentBytes += piece.length;
		while (this.recentBytes - this.recent[0]!.length >= WINDOW) this.recentBytes -= this.recent.shift()!.length;
		const candidate = this.candidate;
		if (candidate) {
			candidate.output.push(piece);
			candidate.outputBytes += piece.length;
			if (candidate.inputBytes >= VERIFY_INPUT) this.verify();
		}
	}

	/** zlib stopped at a block boundary. */
	private found(): void {
		if (this.inPos === 0) return;
		const recent = Buffer.concat(this.recent);
		this.candidate = {
			byte: this.inPos,
			before: this.lastByte,
			out: this.outPos,
			window: Buffer.from(recent.subarray(Math.max(0, recent.length - WINDOW))),
			input: [],
			inputBytes: 0,
			output: [],
			outputBytes: 0,
		};
	}

	/** Settles the candidate's bit position on the bytes seen after it; keeps it if exactly one fits. */
	private verify(): void {
		const candidate = this.candidate;
		if (!candidate) return;
		this.candidate = null;
		const input = Buffer.concat([Buffer.of(candidate.before), ...candidate.input]);
		const output = Buffer.concat(candidate.output);
		let found: number | null = null;
		for (let unread = 0; unread < 8; unread++) {
			// `unread` high bits of the last byte taken are where the block begins.
			const bit = candidate.byte * 8 - unread;
			const shifted = unread === 0 ? input.subarray(1) : shiftBits(input, 8 - unread);
			let trial: Buffer;
			try {
				trial = zlib.inflateRawSync(shifted, {dictionary: candidate.window, finishFlush: Z_SYNC_FLUSH});
			} catch {
				continue;
			}
			const compared = Math.min(trial.length, output.length);
			if (compared < Math.min(MIN_VERIFIED_OUTPUT, output.length) || compared === 0) continue;
			if (!trial.subarray(0, compared).equals(output.subarray(0, compared))) continue;
			if (found !== null) return; // two fit: keep neither
			found = bit;
		}
		if (found === null) return;
		this.checkpoints.push({bit: found, out: candidate.out, window: candidate.window});
		this.nextAt = candidate.out + this.spacing;
		if (this.checkpoints.length >= MAX_CHECKPOINTS) {
			const kept = this.checkpoints.filter((_, i) => i % 2 === 1);
			this.checkpoints.length = 0;
			this.checkpoints.push(...kept);
			this.spacing *= 2;
			this.nextAt = kept.at(-1)!.out + this.spacing;
		}
	}
}
