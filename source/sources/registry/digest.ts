import {supportedAlgorithm} from '../digest.js';

export {digestOf} from '../digest.js';

/** `sha256:…` → its algorithm, when peel verifies it (sha256, sha512); null otherwise. */
export function digestAlgorithm(digest: string): string | null {
	return supportedAlgorithm(digest);
}

export function shortDigest(digest: string): string {
	const colon = digest.indexOf(':');
	return colon === -1 ? digest.slice(0, 19) : `${digest.slice(0, colon + 1)}${digest.slice(colon + 1, colon + 13)}`;
}
