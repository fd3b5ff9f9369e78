import {createHash} from 'node:crypto';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {writeArchive} from '../../fixtures/archive-tar.js';
import {craneEntries} from '../../fixtures/crane-tarball.js';
import {fileEntry} from '../../fixtures/archive-tar.js';
import type {BuiltImage} from '../../fixtures/image.js';
import {MEDIA_TYPES} from '../../fixtures/image.js';

export type Algorithm = 'sha256' | 'sha512';

export const digestOf = (bytes: Buffer, algorithm: Algorithm = 'sha256') => `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;

/** A JSON document as a value to change, or raw bytes to use as they are (deep, huge, not JSON). */
export type Json = any;

export interface LayoutMutations {
	/** Digest algorithm of every blob, the manifest and the diff_ids. */
	algorithm?: Algorithm;
	/** Changes the parsed config (return bytes to replace it whole). */
	config?: (config: Json) => void | Buffer;
	/** Changes the manifest after its config and layer descriptors were linked. */
	manifest?: (manifest: Json) => void | Buffer;
	/** Changes index.json after its descriptor of the manifest was linked. */
	index?: (index: Json) => void | Buffer;
}

export interface MutatedLayout {
	dir: string;
	configBytes: Buffer;
	configDigest: string;
	manifestBytes: Buffer;
	manifestDigest: string;
	/** Digests and diff_ids of the layers, in the chosen algorithm. */
	layers: Array<{digest: string; diffId: string; size: number}>;
}

const apply = (value: Json, change?: (value: Json) => void | Buffer): Buffer => {
	const replaced = change?.(value);
	return Buffer.isBuffer(replaced) ? replaced : Buffer.from(JSON.stringify(value, null, 2));
};

const blobFile = (digest: string) => path.join('blobs', digest.slice(0, digest.indexOf(':')), digest.slice(digest.indexOf(':') + 1));

/**
 * A real fixture image written as an OCI layout with one thing changed: each document is
 * re-linked (its digest and size in the document above it) before the next one is changed,
 * so the change is the only thing wrong — and a change of a digest or size sticks.
 */
export async function writeMutatedLayout(dir: string, image: BuiltImage, mutations: LayoutMutations = {}): Promise<MutatedLayout> {
	const algorithm = mutations.algorithm ?? 'sha256';
	const layers = image.layers.map(layer => ({digest: digestOf(layer.blob, algorithm), diffId: digestOf(layer.tar, algorithm), size: layer.blob.length}));
	const config = JSON.parse(image.configBytes.toString('utf8'));
	config.rootfs.diff_ids = layers.map(layer => layer.diffId);
	const configBytes = apply(config, mutations.config);
	const configDigest = digestOf(configBytes, algorithm);
	const manifest = structuredClone(image.manifest);
	manifest.config = {...manifest.config, digest: configDigest, size: configBytes.length};
	manifest.layers = manifest.layers.map((descriptor: Json, i: number) => ({...descriptor, digest: layers[i]!.digest, size: layers[i]!.size}));
	const manifestBytes = apply(manifest, mutations.manifest);
	const manifestDigest = digestOf(manifestBytes, algorithm);
	const index = {
		schemaVersion: 2,
		mediaType: MEDIA_TYPES.oci.index,
		manifests: [{mediaType: image.manifest.mediaType, digest: manifestDigest, size: manifestBytes.length, annotations: {'org.opencontainers.image.ref.name': 'v1'}}],
	};
	const files = new Map<string, Buffer>([
		['oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}')],
		['index.json', apply(index, mutations.index)],
		[blobFile(configDigest), configBytes],
		[blobFile(manifestDigest), manifestBytes],
	]);
	image.layers.forEach((layer, i) => files.set(blobFile(layers[i]!.digest), layer.blob));
	for (const [name, bytes] of files) {
		await mkdir(path.dirname(path.join(dir, name)), {recursive: true});
		await writeFile(path.join(dir, name), bytes);
	}
	return {dir, configBytes, configDigest, manifestBytes, manifestDigest, layers};
}

/** A crane tarball (manifest.json, config, compressed layers) whose manifest.json is changed. */
export async function writeMutatedCrane(file: string, image: BuiltImage, change: (manifest: Json) => void | Buffer): Promise<void> {
	const entries = craneEntries(image, 'app:v1').map(entry =>
		entry.name === 'manifest.json' ? fileEntry('manifest.json', apply(JSON.parse(String(entry.content)), change)) : entry,
	);
	await writeArchive(file, entries);
}

/** A crane tarball whose config is replaced by `configBytes` (manifest.json points at it by name). */
export async function writeCraneWithConfig(file: string, image: BuiltImage, change: (config: Json) => void | Buffer): Promise<void> {
	const configBytes = apply(JSON.parse(image.configBytes.toString('utf8')), change);
	const entries = craneEntries(image, 'app:v1').map(entry => (entry.name === image.configDigest ? fileEntry(entry.name, configBytes) : entry));
	await writeArchive(file, entries);
}
