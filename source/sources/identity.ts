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
		case 'podman': {
			// The export's manifest is rebuilt by the engine; the digest it pulled by is in RepoDigests.
			const pinned = engineRepoDigest(handle);
			return pinned ? {reference: pinned, why: null} : {reference: null, why: `the ${handle.source} engine has no registry digest for it (it was built or loaded there, not pulled): push it, then peel REGISTRY/NAME:TAG shows its pinned reference`};
		}
		case 'docker-archive':
		case 'oci-archive':
		case 'oci-layout':
			return {reference: null, why: 'an archive or layout names no registry repository: push the image, then peel REGISTRY/NAME:TAG shows its pinned reference'};
	}
}

/** The engine's RepoDigests entry for the repository the user named, else its first one. */
function engineRepoDigest(handle: ImageHandle): string | null {
	// Only what parses as NAME@DIGEST (the engine's answer is data like any other), and not
	// podman's own localhost/NAME, which it lists for a loaded or built image: no registry serves it.
	const digests = (handle.repoDigests ?? []).filter(entry => isDigestReference(entry) && !entry.startsWith('localhost/'));
	const named = repositoryOf(handle.reference.replace(/^(docker|podman):\/\//, ''));
	const match = named ? digests.find(entry => repositoryOf(entry) === named) : undefined;
	return match ?? digests[0] ?? null;
}

function isDigestReference(text: string): boolean {
	try {
		return parseReference(text).digest !== null;
	} catch {
		return false;
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
