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

/** Reads a small file (JSON) whole, refusing anything larger than `limit`. */
export async function readSmall(store: BlobStore, name: string, limit = 16 << 20): Promise<Buffer> {
	const size = store.size(name);
	if (size !== null && size > limit) throw new Error(`${name} is ${size} bytes, more than the ${limit} allowed`);
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of await store.open(name)) {
		total += (chunk as Buffer).length;
		if (total > limit) throw new Error(`${name} is larger than the ${limit} bytes allowed`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}
