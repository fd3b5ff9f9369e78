import {PeelError} from '../../errors.js';
import {blobPath, digestOf, supportedAlgorithm} from '../digest.js';
import {DocumentChecker} from '../documents/checker.js';
import {parseJsonDocument} from '../documents/json-document.js';
import type {Descriptor} from '../image-handle.js';
import {readSmall, type BlobStore} from './blob-store.js';

export interface ReadDocument {
	bytes: Buffer;
	value: unknown;
	check: DocumentChecker;
}

/** Reads a named JSON file of an archive or layout (index.json, manifest.json, …), size- and depth-limited. */
export async function readDocument(store: BlobStore, name: string, limit: number, label = `${store.label}: ${name}`): Promise<ReadDocument> {
	const bytes = await readSmall(store, name, limit, label);
	return {bytes, value: parseJsonDocument(bytes, label, limit), check: new DocumentChecker(label)};
}

/** How messages name a blob: "app.tar: blobs/sha256/0123456789ab… (image config)". */
export function blobLabel(store: BlobStore, digest: string, what: string): string {
	const name = blobPath(digest, `${store.label}: ${what}`);
	return `${store.label}: ${name.slice(0, name.indexOf('/', 6) + 13)}… (${what})`;
}

/**
 * Reads the blob a descriptor names and checks it against the descriptor: present, the
 * size it says (before reading: a wrong size never costs a read), within `limit`, and the
 * digest, hashed with the descriptor's own algorithm.
 */
export async function readVerifiedDocument(store: BlobStore, descriptor: Descriptor, what: string, referredBy: string, limit: number): Promise<ReadDocument> {
	const name = blobPath(descriptor.digest, `${store.label}: ${what}`);
	const label = blobLabel(store, descriptor.digest, what);
	const size = store.size(name);
	if (size === null) throw new PeelError(`${store.label}: the ${what} (${descriptor.digest}) is missing from the archive`);
	if (size !== descriptor.size) {
		throw new PeelError(`${label} is ${size} bytes, but ${referredBy} says ${descriptor.size} (a corrupt or altered image)`);
	}
	const bytes = await readSmall(store, name, limit, label);
	// The digest first: altered bytes are reported as altered, whatever they now hold.
	if (digestOf(bytes, supportedAlgorithm(descriptor.digest)!) !== descriptor.digest) {
		throw new PeelError(`${store.label}: the ${what} does not match its digest ${descriptor.digest} (corrupt archive)`);
	}
	return {bytes, value: parseJsonDocument(bytes, label, limit), check: new DocumentChecker(label)};
}
