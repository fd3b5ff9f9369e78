import {Writable} from 'node:stream';
import type tar from 'tar-stream';
import {createExtract} from './tar-shim.js';
import {TarScanner, type ScanSink} from './tar-scan.js';

/**
 * Where a layer's tar bytes go: TarScanner reads them while it can; when it hands over, a
 * tar-stream extractor (made by `startExtract`, from the offset of the handover) gets the
 * rest, at its own pace. Finishes when the last entry is taken by either.
 */
export class TarIntake extends Writable {
	private readonly scanner: TarScanner;
	private extract: tar.Extract | null = null;

	constructor(
		sink: ScanSink,
		/** Sets up the extractor's listeners; `offset`: where in the tar its first byte is. */
		private readonly startExtract: (extract: tar.Extract, offset: number) => void,
	) {
		super({highWaterMark: 1 << 20});
		this.scanner = new TarScanner(sink);
	}

	/** The extractor, once the scan handed over. */
	get extractor(): tar.Extract | null {
		return this.extract;
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		if (this.extract) {
			this.forward([chunk], callback);
			return;
		}
		this.scanner.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk), error => {
			if (error) return callback(error as Error);
			const handover = this.scanner.handover;
			if (!handover) return callback();
			const extract = createExtract();
			this.extract = extract;
			this.startExtract(extract, handover.offset);
			this.forward(handover.pieces, callback);
		});
	}

	override _final(callback: (error?: Error | null) => void): void {
		const extract = this.extract;
		if (!extract) {
			callback(this.scanner.end());
			return;
		}
		// Its errors are the caller's (startExtract listens); only its end is waited for here.
		extract.once('finish', () => callback());
		extract.end(undefined as unknown as Buffer);
	}

	override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
		this.extract?.destroy();
		callback(error);
	}

	/** Writes to the extractor, calling back once it has room again. */
	private forward(pieces: Uint8Array[], callback: () => void): void {
		const extract = this.extract!;
		let room = true;
		for (const piece of pieces) if (piece.length > 0) room = extract.write(piece as Buffer);
		if (room) callback();
		else extract.once('drain', () => callback());
	}
}
