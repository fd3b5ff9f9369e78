import {createHash, type Hash} from 'node:crypto';
import {Transform, type TransformCallback} from 'node:stream';

/**
 * The algorithm to hash with, taken from the digest the result will be checked against:
 * sha512 when that digest is a sha512 one, else sha256 (the sources refuse any other
 * algorithm before a layer is read).
 */
function algorithmFor(expected: string | null | undefined): 'sha256' | 'sha512' {
	return expected?.startsWith('sha512:') ? 'sha512' : 'sha256';
}

/** Passes bytes through while hashing and counting them. */
export class HashMeter extends Transform {
	bytes = 0;
	readonly algorithm: 'sha256' | 'sha512';
	private readonly hash: Hash;
	private readonly onBytes: ((bytes: number) => void) | undefined;

	/** `expected`: the digest the result will be compared with, which picks the algorithm. */
	constructor(onBytes?: (bytes: number) => void, expected?: string | null) {
		super();
		this.onBytes = onBytes;
		this.algorithm = algorithmFor(expected);
		this.hash = createHash(this.algorithm);
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.bytes += chunk.length;
		this.hash.update(chunk);
		this.onBytes?.(this.bytes);
		callback(null, chunk);
	}

	/** `<algorithm>:<hex>`; call once, after the stream ended. */
	digest(): string {
		return `${this.algorithm}:${this.hash.digest('hex')}`;
	}
}
