import {PeelError} from '../../errors.js';
import {escapeText} from '../../text/escape.js';
import {nestsDeeperThan} from './json-depth.js';

/**
 * How large each kind of document may be when read into memory. Manifests and indexes:
 * 4 MiB, the limit registries and containerd apply. Configs and docker-save manifest.json:
 * 16 MiB — real ones are well under 1 MiB even with hundreds of history entries, and
 * parsing 16 MiB of JSON costs on the order of 100 MB of heap, which is still safe, where
 * 64 MiB would cost several hundred. oci-layout holds one short field.
 */
export const DOCUMENT_LIMITS = {
	manifest: 4 * 1024 * 1024,
	config: 16 * 1024 * 1024,
	dockerManifest: 16 * 1024 * 1024,
	ociLayout: 64 * 1024,
} as const;

/**
 * Image documents nest a handful of levels (a config's Healthcheck.Test is 4 deep). Far
 * deeper JSON is refused before it is parsed: code that walks a value recursively (or
 * JSON.stringify) would overflow the stack on 10,000 levels.
 */
export const MAX_JSON_DEPTH = 100;

/** Parses one JSON document after checking its size and depth; any JSON value comes back. */
export function parseJsonDocument(bytes: Buffer, file: string, limit: number): unknown {
	if (bytes.length > limit) throw new PeelError(`${file} is ${bytes.length} bytes, more than the ${limit} bytes peel reads for it (not an ordinary image)`);
	if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
		throw new PeelError(`${file} nests arrays or objects more than ${MAX_JSON_DEPTH} deep, which no image document does (not an ordinary image)`);
	}
	try {
		return JSON.parse(bytes.toString('utf8')) as unknown;
	} catch (error) {
		// V8's message quotes the text around the error: it comes from the image.
		throw new PeelError(`${file} is not valid JSON (${escapeText((error as Error).message, 120)})`);
	}
}
