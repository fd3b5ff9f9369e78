import {PeelError} from '../../errors.js';
import {normalizeEntryPath} from '../../layers/normalize-path.js';
import {escapeText} from '../../text/escape.js';
import {digestOf} from '../digest.js';
import {checkDockerManifest, type DockerManifestEntry} from '../documents/docker-manifest.js';
import {checkImageConfig} from '../documents/image-config.js';
import {DOCUMENT_LIMITS} from '../documents/json-document.js';
import type {LayerHandle} from '../image-handle.js';
import {DOCKER_LAYER_TAR, layerProblem} from '../media-types.js';
import type {OpenOptions} from '../open-options.js';
import {normalizePlatform} from '../platform.js';
import type {BlobStore} from './blob-store.js';
import type {ResolvedImage} from './oci-image.js';
import {readDocument} from './read-document.js';
import {matchesTag} from './tags.js';

/** Files under blobs/ALG/ are named by their digest (Docker ≥ 25 writes manifest.json pointing there). */
const BLOB_NAME = /^blobs\/(sha256|sha512)\/([a-f0-9]{64}|[a-f0-9]{128})$/;

function namedDigest(name: string): string | null {
	const match = BLOB_NAME.exec(name);
	return match && match[2]!.length === (match[1] === 'sha256' ? 64 : 128) ? `${match[1]}:${match[2]}` : null;
}

/** `docker save` / `podman save` / crane tarballs: manifest.json names the config and layer files. */
export async function resolveDockerArchive(store: BlobStore, options: OpenOptions): Promise<ResolvedImage> {
	const list = await readDocument(store, 'manifest.json', DOCUMENT_LIMITS.dockerManifest);
	const entries = checkDockerManifest(list.check, list.value);
	if (entries.length === 0) throw new PeelError(`${store.label}: manifest.json lists no images`);
	const describe = () => escapeText(entries.map(e => e.RepoTags[0] ?? `(untagged ${e.Config})`).join(', '), 300);

	let position = 0;
	if (options.tag) {
		position = entries.findIndex(e => matchesTag(e.RepoTags, options.tag!));
		if (position === -1) throw new PeelError(`${store.label} has no image tagged "${options.tag}"; it has: ${describe()}`);
	} else if (entries.length > 1) {
		throw new PeelError(`${store.label} holds ${entries.length} images; choose one with --tag: ${describe()}`);
	}
	const entry: DockerManifestEntry = entries[position]!;
	const configName = normalizeEntryPath(entry.Config);
	if (!configName || !store.has(configName)) {
		throw new PeelError(`${store.label}: the image config ${escapeText(entry.Config, 100)} (manifest.json [${position}].Config) is missing from the archive`);
	}
	const configRead = await readDocument(store, configName, DOCUMENT_LIMITS.config, `${store.label}: ${escapeText(configName, 100)} (image config)`);
	// A config stored as blobs/ALG/HEX must hash to its name; others are known by their sha256.
	const named = namedDigest(configName);
	const configDigest = digestOf(configRead.bytes, named ? named.slice(0, named.indexOf(':')) : 'sha256');
	if (named && named !== configDigest) throw new PeelError(`${store.label}: the image config ${configName} does not match its digest (corrupt archive)`);
	const config = checkImageConfig(configRead.check, configRead.value);
	const layerNames = entry.Layers;
	const diffIds = config.rootfs?.diff_ids ?? [];
	if (diffIds.length !== layerNames.length) {
		throw new PeelError(`${store.label}: manifest.json lists ${layerNames.length} layers but the config has ${diffIds.length} diff_ids (corrupt archive)`);
	}
	const layers: LayerHandle[] = layerNames.map((raw, index) => {
		const name = normalizeEntryPath(raw);
		if (!name || !store.has(name)) throw new PeelError(`${store.label}: layer ${index} (${escapeText(raw, 100)}) is missing from the archive`);
		const diffId = diffIds[index] ?? null;
		const source = diffId ? entry.LayerSources[diffId] : undefined;
		const mediaType = source?.mediaType || DOCKER_LAYER_TAR;
		const problem = layerProblem(mediaType);
		if (problem) throw new PeelError(`${store.label}: layer ${index} ${problem}`);
		return {
			index,
			mediaType,
			// Verified while reading, like a descriptor's digest.
			digest: namedDigest(name),
			size: store.size(name),
			diffId,
			open: () => store.open(name),
		};
	});
	return {
		digest: null,
		indexDigest: null,
		platform: config.os && config.architecture ? normalizePlatform({os: config.os, architecture: config.architecture, variant: config.variant}) : null,
		tags: entry.RepoTags,
		manifestMediaType: '',
		config,
		configDigest,
		layers,
	};
}
