import {PeelError} from '../../errors.js';
import type {Descriptor} from '../image-handle.js';
import {digestAlgorithm, digestOf} from './digest.js';
import {IMAGE_MANIFEST_TYPES, INDEX_TYPES, MEDIA_TYPES, manifestKind, SCHEMA1_TYPES} from '../media-types.js';

export interface IndexManifest {
	kind: 'index';
	mediaType: string;
	manifests: Descriptor[];
}

export interface ImageManifest {
	kind: 'image';
	mediaType: string;
	config: Descriptor;
	layers: Descriptor[];
}

export type Manifest = IndexManifest | ImageManifest;

/** Manifests are at most 4 MiB (the limit registries and containerd apply). */
export const MANIFEST_LIMIT = 4 * 1024 * 1024;

/**
 * Checks the raw bytes against the digest we asked for and the Docker-Content-Digest the
 * registry announced. Hashes the bytes as received, never a re-serialization.
 */
export function verifyManifestDigest(bytes: Buffer, expected: string | null, announced: string | undefined, where: string): string {
	if (announced !== undefined && announced !== '') {
		const algorithm = digestAlgorithm(announced);
		if (!algorithm) throw new PeelError(`${where}: the registry announced a malformed Docker-Content-Digest`);
		const actual = digestOf(bytes, algorithm);
		if (actual !== announced) {
			throw new PeelError(`${where}: manifest digest mismatch: the registry announced ${announced} but the bytes hash to ${actual}`);
		}
	}
	if (expected !== null) {
		const actual = digestOf(bytes, digestAlgorithm(expected) ?? 'sha256');
		if (actual !== expected) throw new PeelError(`${where}: manifest digest mismatch: asked for ${expected}, got bytes hashing to ${actual}`);
		return expected;
	}
	return digestOf(bytes, 'sha256');
}

function checkDescriptor(value: unknown, where: string): Descriptor {
	const d = value as Descriptor;
	if (typeof d !== 'object' || d === null || typeof d.digest !== 'string' || !digestAlgorithm(d.digest)) {
		throw new PeelError(`${where}: malformed manifest: a descriptor has no valid digest`);
	}
	if (!Number.isSafeInteger(d.size) || d.size < 0) throw new PeelError(`${where}: malformed manifest: descriptor ${d.digest} has no valid size`);
	if (typeof d.mediaType !== 'string') throw new PeelError(`${where}: malformed manifest: descriptor ${d.digest} has no media type`);
	return d;
}

/**
 * Reads a manifest: media type from Content-Type (parameters ignored), else the body's
 * mediaType, else by shape. Legacy schema1 is refused with a clear message.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, where: string): Manifest {
	let body: Record<string, unknown>;
	try {
		body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
	} catch {
		throw new PeelError(`${where}: the registry answered a manifest that is not JSON`);
	}
	if (typeof body !== 'object' || body === null) throw new PeelError(`${where}: the registry answered a manifest that is not a JSON object`);
	const header = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	const kind = manifestKind(header, body);
	if (kind === 'unknown') throw new PeelError(`${where}: unsupported manifest type ${header || '(none)'}; peel reads OCI and Docker v2 images`);
	const known = (type: string) => INDEX_TYPES.has(type) || IMAGE_MANIFEST_TYPES.has(type) || SCHEMA1_TYPES.has(type);
	const declared = typeof body['mediaType'] === 'string' ? (body['mediaType'] as string) : '';
	const fallback = {index: MEDIA_TYPES.ociIndex, manifest: MEDIA_TYPES.ociManifest, schema1: MEDIA_TYPES.dockerSchema1}[kind];
	const mediaType = known(header) ? header : known(declared) ? declared : fallback;
	if (SCHEMA1_TYPES.has(mediaType)) {
		throw new PeelError(`${where}: the registry only has a legacy Docker schema 1 manifest, which peel does not read; push the image again with a current Docker or Podman`);
	}
	if (INDEX_TYPES.has(mediaType)) {
		if (!Array.isArray(body['manifests'])) throw new PeelError(`${where}: malformed index: no manifests list`);
		return {kind: 'index', mediaType, manifests: (body['manifests'] as unknown[]).map(d => checkDescriptor(d, where))};
	}
	if (!Array.isArray(body['layers'])) throw new PeelError(`${where}: malformed manifest: no layers list`);
	return {
		kind: 'image',
		mediaType,
		config: checkDescriptor(body['config'], where),
		layers: (body['layers'] as unknown[]).map(d => checkDescriptor(d, where)),
	};
}
