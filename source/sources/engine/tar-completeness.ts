import {Transform, type TransformCallback} from 'node:stream';
import {extract as createExtract, type Extract, type Header} from 'tar-stream';

const block = 512;
const tailSize = 4096;

/**
 * Passes a tar stream through unchanged while parsing it with tar-stream, so that a stream
 * cut short is noticed: every entry must be complete and the end-of-archive zero block must
 * follow the last one. `problem()` says what was wrong, after the stream ended.
 */
export class TarCompleteness extends Transform {
	readonly #extract: Extract;
	#bytes = 0;
	#entries = 0;
	#lastEntryEnd = 0;
	#tail: Buffer = Buffer.alloc(0);
	#parseError: Error | null = null;
	#problem: string | null = null;

	constructor() {
		super();
		this.#extract = createExtract();
		this.#extract.on('entry', (header: Header & {byteOffset?: number}, stream, next) => {
			this.#entries++;
			const dataStart = header.byteOffset ?? 0;
			const size = header.type === 'directory' ? 0 : header.size;
			this.#lastEntryEnd = dataStart + Math.ceil(size / block) * block;
			stream.on('end', () => next());
			// A cut stream fails the entry too; the parser's own error is the one reported.
			stream.on('error', () => undefined);
			stream.resume();
		});
		this.#extract.on('error', (error: Error) => {
			this.#parseError ??= error;
		});
	}

	/** Bytes seen so far. */
	get bytes(): number {
		return this.#bytes;
	}

	/** The last few KiB of the stream: an engine that fails mid-export may write its error there. */
	get tail(): Buffer {
		return this.#tail;
	}

	/** Null when the stream was a complete tar; else what was wrong. Valid after the stream ended. */
	problem(): string | null {
		return this.#problem;
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.#bytes += chunk.length;
		this.#tail = keepTail(this.#tail, chunk);
		if (this.#parseError) {
			callback(null, chunk);
			return;
		}
		if (this.#extract.write(chunk)) {
			callback(null, chunk);
			return;
		}
		// Wait for the parser so a fast engine cannot outrun it without bound.
		const resume = () => {
			this.#extract.off('drain', resume);
			this.#extract.off('close', resume);
			callback(null, chunk);
		};
		this.#extract.on('drain', resume);
		this.#extract.on('close', resume);
	}

	override _flush(callback: TransformCallback): void {
		if (this.#parseError) {
			this.#problem = this.#parseError.message;
			callback();
			return;
		}
		this.#extract.once('error', (error: Error) => {
			this.#problem = error.message;
			callback();
		});
		this.#extract.once('finish', () => {
			this.#problem = this.#endProblem();
			callback();
		});
		this.#extract.end(undefined);
	}

	#endProblem(): string | null {
		if (this.#entries === 0) return 'no tar entries';
		if (this.#bytes % block !== 0) return 'not a whole number of tar blocks';
		// tar-stream skips zero blocks silently; require at least one after the last entry.
		if (this.#bytes < this.#lastEntryEnd + block || !isZero(this.#tail.subarray(this.#tail.length - block))) {
			return 'no end-of-archive marker';
		}
		return null;
	}
}

function keepTail(tail: Buffer, chunk: Buffer): Buffer {
	if (chunk.length >= tailSize) return Buffer.from(chunk.subarray(chunk.length - tailSize));
	const joined = Buffer.concat([tail, chunk]);
	return joined.length > tailSize ? joined.subarray(joined.length - tailSize) : joined;
}

function isZero(buffer: Buffer): boolean {
	return buffer.length > 0 && buffer.every(byte => byte === 0);
}
