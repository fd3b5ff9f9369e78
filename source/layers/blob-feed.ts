import {Readable} from 'node:stream';

/**
 * A blob as a stream in a layer worker, fed by the main thread's messages. Each chunk is
 * acknowledged (`onTaken`) as the decoder takes it in, so the sender can pace itself.
 */
export class BlobFeed extends Readable {
	private readonly queue: Buffer[] = [];
	private ended = false;
	private wanted = false;

	constructor(private readonly onTaken: (bytes: number) => void) {
		super({highWaterMark: 1 << 20});
	}

	add(chunk: Buffer): void {
		this.queue.push(chunk);
		if (this.wanted) this.pump();
	}

	finish(): void {
		this.ended = true;
		if (this.wanted) this.pump();
	}

	override _read(): void {
		this.wanted = true;
		this.pump();
	}

	private pump(): void {
		while (this.wanted) {
			const chunk = this.queue.shift();
			if (!chunk) {
				if (this.ended) {
					this.wanted = false;
					this.push(null);
				}
				return;
			}
			this.wanted = this.push(chunk);
			this.onTaken(chunk.length);
		}
	}
}
