import {createReadStream} from 'node:fs';
import path from 'node:path/posix';
import {Readable} from 'node:stream';
import tar from 'tar-stream';
import {PeelError} from '../../errors.js';
import {normalizeEntryPath} from '../../layers/normalize-path.js';
import type {BlobStore} from './blob-store.js';
import {openTarStream, type TarIndex, type TarIndexEntry} from './tar-index.js';

/**
 * The files inside an archive on disk. An uncompressed archive is read at random from
 * the indexed offsets; one compressed as a whole is re-read from the start for each
 * file opened (no temp copy is ever written).
 */
export class TarBlobStore implements BlobStore {
	constructor(
		readonly label: string,
		private readonly file: string,
		private readonly index: TarIndex,
	) {}

	names(): string[] {
		return this.index.order;
	}

	has(name: string): boolean {
		return this.resolve(name) !== null;
	}

	size(name: string): number | null {
		return this.resolve(name)?.size ?? null;
	}

	/** Follows in-archive symlinks and hardlinks (Docker ≤ 24 stores a repeated layer as `../ID/layer.tar`). */
	private resolve(name: string): TarIndexEntry | null {
		let entry = this.index.entries.get(name);
		for (let hops = 0; entry && hops < 10; hops++) {
			if (entry.type === 'symlink' && entry.linkname) {
				const target = normalizeEntryPath(path.join(path.dirname(entry.name), entry.linkname));
				entry = target ? this.index.entries.get(target) : undefined;
			} else if (entry.type === 'link' && entry.linkname) {
				const target = normalizeEntryPath(entry.linkname);
				entry = target ? this.index.entries.get(target) : undefined;
			} else {
				return entry.type === 'file' ? entry : null;
			}
		}
		return null;
	}

	async open(name: string): Promise<Readable> {
		const entry = this.resolve(name);
		if (!entry) throw new PeelError(`${this.label} has no file ${name}`);
		if (entry.size === 0) return Readable.from([]);
		if (this.index.compression === 'none') {
			return createReadStream(this.file, {start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: 1 << 20});
		}
		return this.openByScanning(entry);
	}

	private async openByScanning(wanted: TarIndexEntry): Promise<Readable> {
		const {stream} = await openTarStream(this.file);
		const extract = tar.extract();
		stream.on('error', error => extract.destroy(error));
		stream.pipe(extract as unknown as NodeJS.WritableStream);
		const iterator = extract[Symbol.asyncIterator]();
		for (;;) {
			const {value: entry, done} = await iterator.next();
			if (done) throw new PeelError(`${this.label}: ${wanted.name} vanished while reading`);
			const header = entry.header as {byteOffset?: number};
			if (header.byteOffset === wanted.offset) {
				const out = Readable.from(entry as AsyncIterable<Buffer>);
				out.on('close', () => stream.destroy());
				return out;
			}
			entry.resume();
		}
	}
}
