import {PeelError} from '../../errors.js';
import type {Readable} from 'node:stream';

/** Named files of an archive or layout directory, read as streams. */
export interface BlobStore {
	/** How messages name the archive or directory. */
	label: string;
	has(name: string): boolean;
	/** Size in bytes, null when the file is missing. */
	size(name: string): number | null;
	open(name: string): Promise<Readable>;
	/** Names of all files, in storage order. */
	names(): string[];
}

/**
 * Reads a small file (a JSON document) whole, refusing anything larger than `limit`
 * before reading it, and again while reading (a file may grow, a stream may lie).
 */
export async function readSmall(store: BlobStore, name: string, limit: number, label = `${store.label}: ${name}`): Promise<Buffer> {
	const tooLarge = (size: string) => new PeelError(`${label} is ${size} bytes, more than the ${limit} bytes peel reads for it (not an ordinary image)`);
	const size = store.size(name);
	if (size !== null && size > limit) throw tooLarge(String(size));
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of await store.open(name)) {
		total += (chunk as Buffer).length;
		if (total > limit) throw tooLarge(`more than ${limit}`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}
