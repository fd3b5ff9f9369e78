import {createReadStream, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {PeelError} from '../../errors.js';
import type {BlobStore} from './blob-store.js';

/** The files of an OCI layout directory. Names are relative and already validated. */
export class DirBlobStore implements BlobStore {
	private readonly opened = new Set<string>();

	constructor(
		readonly label: string,
		private readonly root: string,
	) {}

	private full(name: string): string {
		const full = path.resolve(this.root, name);
		if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new PeelError(`${this.label}: "${name}" points outside the layout`);
		return full;
	}

	has(name: string): boolean {
		return this.size(name) !== null;
	}

	size(name: string): number | null {
		try {
			const stat = statSync(this.full(name));
			return stat.isFile() ? stat.size : null;
		} catch {
			return null;
		}
	}

	async open(name: string): Promise<Readable> {
		if (!this.has(name)) throw new PeelError(`${this.label} has no file ${name}`);
		const full = this.full(name);
		this.opened.add(full);
		return createReadStream(full, {highWaterMark: 1 << 20});
	}

	/** Every file opened so far (a blob may be a link to a file outside the layout). */
	openedFiles(): string[] {
		return [...this.opened];
	}

	names(): string[] {
		try {
			return readdirSync(this.root);
		} catch {
			return [];
		}
	}
}
