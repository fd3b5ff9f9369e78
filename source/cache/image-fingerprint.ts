import {createHash} from 'node:crypto';
import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ImageHandle} from '../sources/image-handle.js';

let codeIdentity: string | null = null;

/**
 * Which peel wrote a record: the size and time of every module of this build. Another
 * build (a new version, or a rebuild while developing) never reads an older one's reports.
 */
function peelBuild(): string {
	if (codeIdentity) return codeIdentity;
	const root = path.dirname(fileURLToPath(new URL('../', import.meta.url)));
	const hash = createHash('sha256');
	const walk = (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const file = path.join(dir, name);
			const stat = statSync(file);
			if (stat.isDirectory()) walk(file);
			else if (name.endsWith('.js')) hash.update(`${path.relative(root, file)} ${stat.size} ${stat.mtimeMs}\n`);
		}
	};
	walk(path.join(root, 'source'));
	return (codeIdentity = hash.digest('hex'));
}

/**
 * What a report of this image depends on besides its layers' bytes: everything the source
 * said about it (reference, digests, config, platform, tags, its layers' digests and
 * diff_ids, warnings) and the peel that analyses it. Equal fingerprints, equal reports.
 */
export function imageFingerprint(handle: ImageHandle): string {
	const {source, reference, typedReference, digest, indexDigest, platform, tags, manifestMediaType, config, configDigest, warnings, indexEntries} = handle;
	const layers = handle.layers.map(({index, mediaType, digest: blob, size, diffId}) => ({index, mediaType, blob, size, diffId}));
	const said = {source, reference, typedReference, digest, indexDigest, platform, tags, manifestMediaType, config, configDigest, warnings, indexEntries, layers};
	return createHash('sha256').update(peelBuild()).update(JSON.stringify(said)).digest('hex');
}
