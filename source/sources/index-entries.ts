import {PeelError} from '../errors.js';
import {shortDigest} from './registry/digest.js';
import type {Descriptor, IndexEntry} from './image-handle.js';
import type {OpenOptions} from './open-options.js';
import {isAttestation, normalizePlatform, selectPlatform} from './platform.js';

/** An index's entries as the handle names them: platforms normalized, attestations marked, and those in `absent` marked missing. */
export function indexEntriesOf(manifests: Descriptor[], absent: Descriptor[] = []): IndexEntry[] {
	return manifests.map(d => ({
		digest: d.digest,
		mediaType: d.mediaType,
		platform: d.platform ? normalizePlatform(d.platform) : null,
		attestation: isAttestation(d),
		...(absent.includes(d) ? {missing: true} : {}),
	}));
}

/**
 * The entry to open: the one with options.manifestDigest when that is set and listed here
 * (the explorer switching platform), else the best match for options.platform. A digest
 * not listed at this level may be in a nested index below the platform's entry.
 */
export function pickIndexEntry<T extends Descriptor>(manifests: T[], options: OpenOptions, where: string, absent: Descriptor[] = []): T {
	const wanted = options.manifestDigest;
	if (wanted) {
		const hit = manifests.find(d => d.digest === wanted);
		if (hit && isAttestation(hit)) throw new PeelError(`${where}: ${shortDigest(wanted)} is an attestation, not an image`);
		if (hit) return hit;
		if (absent.some(d => d.digest === wanted)) throw new PeelError(`${where}: the image ${shortDigest(wanted)} is listed in the index but its blobs are not included`);
	}
	return selectPlatform(manifests, options.platform, where, absent);
}
