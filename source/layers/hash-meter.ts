import {createHash, type Hash} from 'node:crypto';
import {Transform, type TransformCallback} from 'node:stream';

/** Passes bytes through while hashing (sha256) and counting them. */
export class HashMeter extends Transform {
	bytes = 0;
	private readonly hash: Hash = createHash('sha256');
	private readonly onBytes: ((bytes: number) => void) | undefined;

	constructor(onBytes?: (bytes: number) => void) {
		super();
		this.onBytes = onBytes;
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.bytes += chunk.length;
		this.hash.update(chunk);
		this.onBytes?.(this.bytes);
		callback(null, chunk);
	}

	/** `sha256:<hex>`; call once, after the stream ended. */
	digest(): string {
		return `sha256:${this.hash.digest('hex')}`;
	}
}
