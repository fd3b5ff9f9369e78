import {PeelError} from '../../errors.js';

/** The newest API we speak: 1.48 (Docker 28) is the first to take `platform=` on images/get. */
export const ourApiVersion = '1.48';
/** What an engine that sends no Api-Version header is assumed to speak (the docker CLI's fallback). */
export const fallbackApiVersion = '1.24';

/**
 * The API version to use with an engine: min(its Api-Version header, ours), 1.24 when it
 * sends none. Engines older than 1.24 are refused.
 */
export function negotiateApiVersion(serverHeader: string | undefined, engine: string): string {
	const server = serverHeader?.trim();
	if (!server) return fallbackApiVersion;
	if (!/^\d+\.\d+$/.test(server)) {
		throw new PeelError(`the ${engine} engine reports an unreadable API version "${server}"`);
	}
	if (compareApiVersions(server, fallbackApiVersion) < 0) {
		throw new PeelError(`the ${engine} engine speaks API ${server}, older than ${fallbackApiVersion} which peel needs; upgrade the engine`);
	}
	return compareApiVersions(server, ourApiVersion) < 0 ? server : ourApiVersion;
}

/** Compares "major.minor" versions numerically (1.9 < 1.10). */
export function compareApiVersions(a: string, b: string): number {
	const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
	const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
	return aMajor - bMajor || aMinor - bMinor;
}
