import {createHash} from 'node:crypto';
import {PeelError} from '../errors.js';
import {escapeText} from '../text/escape.js';

/**
 * The digest algorithms peel verifies: the two the OCI image-spec registers. Blobs,
 * configs, manifests and diff_ids may use either; anything else (sha384 included, which
 * go-digest knows but OCI does not register) is refused where it is first read.
 */
export const DIGEST_ALGORITHMS: Readonly<Record<string, number>> = {sha256: 64, sha512: 128};

const SHAPE = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

/** What is wrong with `value` as a digest peel can verify (said after its name), or null. */
export function digestProblem(value: string): string | null {
	const match = SHAPE.exec(value);
	if (!match) return `is an invalid digest "${escapeText(value, 100)}" (expected algorithm:hex, e.g. sha256: and 64 hex digits)`;
	const [, algorithm, hex] = match as unknown as [string, string, string];
	const length = DIGEST_ALGORITHMS[algorithm];
	if (length === undefined) return `uses the digest algorithm ${escapeText(algorithm, 20)}, which peel does not verify (only sha256 and sha512, the OCI-registered ones)`;
	if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `is an invalid digest "${escapeText(value, 100)}" (${algorithm} needs ${length} lowercase hex digits)`;
	return null;
}

/** The algorithm of a digest peel verifies, else null. */
export function supportedAlgorithm(digest: string): string | null {
	return digestProblem(digest) === null ? digest.slice(0, digest.indexOf(':')) : null;
}

export function digestOf(bytes: Buffer, algorithm = 'sha256'): string {
	return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/**
 * Checks a digest before it is used as a path (blobs/ALG/HEX): a digest such as
 * "sha256:../../etc/passwd" must never reach the file system.
 */
export function blobPath(digest: string, where: string): string {
	const problem = digestProblem(digest);
	if (problem) throw new PeelError(`${where}: the blob digest ${problem}`);
	const colon = digest.indexOf(':');
	return `blobs/${digest.slice(0, colon)}/${digest.slice(colon + 1)}`;
}
