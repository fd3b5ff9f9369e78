import {parseReference} from '../reference/parse-reference.js';
import type {ImageHandle} from './image-handle.js';

/**
 * How the image was found, step by step: the reference as typed, normalized, the index it
 * was picked from, the platform's manifest, the config — and the reference that names
 * exactly this image ever after (the answer to "tag or digest?").
 */
export interface ImageIdentity {
	/** What the user typed; the normalized reference when the source did not record it. */
	typedReference: string;
	reference: string;
	indexDigest: string | null;
	manifestDigest: string | null;
	configDigest: string | null;
	/** The config digest: what `docker images` (classic store) and `podman images` show as the ID. */
	imageId: string | null;
	/** REPOSITORY@MANIFEST-DIGEST, which pulls this very image from its registry; null when there is none. */
	pinnedReference: string | null;
	/** Why there is no pinned reference (null when there is one). */
	unpinned: string | null;
}

/** The identity chain of an image from what its source recorded. Pure. */
export function imageIdentity(handle: ImageHandle): ImageIdentity {
	const manifestDigest = handle.digest;
	const pin = pinnedReference(handle);
	return {
		typedReference: handle.typedReference ?? handle.reference,
		reference: handle.reference,
		indexDigest: handle.indexDigest,
		manifestDigest,
		configDigest: handle.configDigest,
		imageId: handle.configDigest,
		pinnedReference: pin.reference,
		unpinned: pin.why,
	};
}

function pinnedReference(handle: ImageHandle): {reference: string | null; why: string | null} {
	switch (handle.source) {
		case 'registry': {
			if (!handle.digest) return {reference: null, why: 'the registry sent no manifest digest'};
			const repository = repositoryOf(handle.reference);
			return repository ? {reference: `${repository}@${handle.digest}`, why: null} : {reference: null, why: 'the reference does not parse'};
		}
		case 'docker':
		case 'podman':
			// The export is rebuilt by the engine: its manifest is not the one the registry serves.
			return {reference: null, why: `the ${handle.source} engine's export does not carry the registry's digest (docker inspect shows it under RepoDigests)`};
		case 'docker-archive':
		case 'oci-archive':
		case 'oci-layout':
			return {reference: null, why: 'an archive or layout names no registry repository: push the image, then peel REGISTRY/NAME:TAG shows its pinned reference'};
	}
}

/** docker.io/library/nginx from docker.io/library/nginx:1.27 or …@sha256:…; null if it is no reference. */
function repositoryOf(reference: string): string | null {
	try {
		return parseReference(reference.replace(/^registry:\/\//, '')).name;
	} catch {
		return null;
	}
}
