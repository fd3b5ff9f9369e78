import {PeelError} from '../errors.js';

const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

/**
 * Checks a digest before it is used as a path (blobs/ALG/HEX): a digest such as
 * "sha256:../../etc/passwd" must never reach the file system.
 */
export function blobPath(digest: string, where: string): string {
	const match = DIGEST.exec(digest);
	if (!match || (match[1] === 'sha256' && !/^[a-f0-9]{64}$/.test(match[2]!)) || (match[1] === 'sha512' && !/^[a-f0-9]{128}$/.test(match[2]!))) {
		throw new PeelError(`${where} refers to an invalid digest "${digest}"`);
	}
	if (match[1] !== 'sha256') throw new PeelError(`${where} uses digest algorithm ${match[1]}, which peel does not support (only sha256)`);
	return `blobs/${match[1]}/${match[2]}`;
}

export function isSha256Digest(digest: string): boolean {
	return /^sha256:[a-f0-9]{64}$/.test(digest);
}
