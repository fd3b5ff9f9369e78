import {createHash} from 'node:crypto';
import {DIGEST_HEX_LENGTH} from '../../reference/grammar.js';

/** `sha256:…` → its algorithm, when Node can compute it; null otherwise. */
export function digestAlgorithm(digest: string): string | null {
	const colon = digest.indexOf(':');
	if (colon === -1) return null;
	const algorithm = digest.slice(0, colon);
	const hex = digest.slice(colon + 1);
	const length = DIGEST_HEX_LENGTH[algorithm];
	return length !== undefined && hex.length === length && /^[a-f0-9]+$/.test(hex) ? algorithm : null;
}

export function digestOf(bytes: Buffer, algorithm = 'sha256'): string {
	return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export function shortDigest(digest: string): string {
	const colon = digest.indexOf(':');
	return colon === -1 ? digest.slice(0, 19) : `${digest.slice(0, colon + 1)}${digest.slice(colon + 1, colon + 13)}`;
}
