import {Transform, type TransformCallback} from 'node:stream';

/**
 * Passes chunks on in a later turn of the event loop. Put after a zlib stream, it lets
 * zlib inflate the next chunk on the thread pool while this thread parses and hashes the
 * last one (zlib would otherwise wait for the whole downstream work of each chunk).
 */
export class Handoff extends Transform {
	constructor() {
		// Room for a few inflated chunks ahead.
		super({highWaterMark: 2 << 20});
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		setImmediate(() => {
			this.push(chunk);
			callback();
		});
	}
}
