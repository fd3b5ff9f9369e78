import {PeelError} from '../../errors.js';
import type {Descriptor} from '../image-handle.js';
import {escapeText} from '../../text/escape.js';
import {DocumentChecker} from '../documents/checker.js';
import {checkImageIndex} from '../documents/image-index.js';
import {checkImageManifest} from '../documents/image-manifest.js';
import {DOCUMENT_LIMITS, parseJsonDocument} from '../documents/json-document.js';
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
export const MANIFEST_LIMIT = DOCUMENT_LIMITS.manifest;

/**
 * Checks the raw bytes against the digest we asked for and the Docker-Content-Digest the
 * registry announced. Hashes the bytes as received, never a re-serialization.
 */
export function verifyManifestDigest(bytes: Buffer, expected: string | null, announced: string | undefined, where: string): string {
	if (announced !== undefined && announced !== '') {
		const algorithm = digestAlgorithm(announced);
		if (!algorithm) throw new PeelError(`${where}: the registry announced a Docker-Content-Digest peel cannot verify (${escapeText(announced, 100)})`);
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

/**
 * Reads a manifest: media type from Content-Type (parameters ignored), else the body's
 * mediaType, else by shape. Legacy schema1 is refused with a clear message. Every field
 * peel uses is checked (see documents/); errors name the manifest and the field.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, where: string): Manifest {
	const file = `${where} (manifest)`;
	const check = new DocumentChecker(file);
	const body = check.object(parseJsonDocument(bytes, file, MANIFEST_LIMIT), '');
	const header = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	const kind = manifestKind(header, body);
	if (kind === 'unknown') throw new PeelError(`${where}: unsupported manifest type ${escapeText(header, 100) || '(none)'}; peel reads OCI and Docker v2 images`);
	const known = (type: string) => INDEX_TYPES.has(type) || IMAGE_MANIFEST_TYPES.has(type) || SCHEMA1_TYPES.has(type);
	const declared = typeof body['mediaType'] === 'string' ? (body['mediaType'] as string) : '';
	const fallback = {index: MEDIA_TYPES.ociIndex, manifest: MEDIA_TYPES.ociManifest, schema1: MEDIA_TYPES.dockerSchema1}[kind];
	const mediaType = known(header) ? header : known(declared) ? declared : fallback;
	if (SCHEMA1_TYPES.has(mediaType)) {
		throw new PeelError(`${where}: the registry only has a legacy Docker schema 1 manifest, which peel does not read; push the image again with a current Docker or Podman`);
	}
	if (INDEX_TYPES.has(mediaType)) return {kind: 'index', mediaType, manifests: checkImageIndex(check, body).manifests};
	const manifest = checkImageManifest(check, body);
	return {kind: 'image', mediaType, config: manifest.config, layers: manifest.layers};
}
