import {createHash} from 'node:crypto';
import {PeelError} from '../../errors.js';
import {normalizeEntryPath} from '../../layers/normalize-path.js';
import type {Descriptor, ImageConfig, LayerHandle} from '../image-handle.js';
import {DOCKER_LAYER_TAR, layerProblem} from '../media-types.js';
import type {OpenOptions} from '../open-options.js';
import {normalizePlatform} from '../platform.js';
import {readSmall, type BlobStore} from './blob-store.js';
import type {ResolvedImage} from './oci-image.js';
import {parseJson} from './parse-json.js';
import {matchesTag} from './tags.js';

interface ManifestEntry {
	Config?: string;
	RepoTags?: string[] | null;
	Layers?: string[];
	LayerSources?: Record<string, Descriptor>;
}

/** `docker save` / `podman save` / crane tarballs: manifest.json names the config and layer files. */
export async function resolveDockerArchive(store: BlobStore, options: OpenOptions): Promise<ResolvedImage> {
	const list = parseJson(await readSmall(store, 'manifest.json'), `${store.label}: manifest.json`);
	const entries = (Array.isArray(list) ? list : []) as ManifestEntry[];
	if (entries.length === 0) throw new PeelError(`${store.label}: manifest.json lists no images`);
	const describe = () => entries.map(e => e.RepoTags?.[0] ?? `(untagged ${e.Config ?? '?'})`).join(', ');
	let entry: ManifestEntry;
	if (options.tag) {
		const hit = entries.find(e => matchesTag(e.RepoTags ?? [], options.tag!));
		if (!hit) throw new PeelError(`${store.label} has no image tagged "${options.tag}"; it has: ${describe()}`);
		entry = hit;
	} else {
		if (entries.length > 1) throw new PeelError(`${store.label} holds ${entries.length} images; choose one with --tag: ${describe()}`);
		entry = entries[0]!;
	}
	const configName = normalizeEntryPath(entry.Config ?? '');
	if (!configName || !store.has(configName)) throw new PeelError(`${store.label}: the image config ${entry.Config ?? ''} is missing from the archive`);
	const configBytes = await readSmall(store, configName);
	const config = parseJson(configBytes, `${store.label}: image config`) as ImageConfig;
	const configDigest = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
	const layerNames = entry.Layers ?? [];
	const diffIds = config.rootfs?.diff_ids ?? [];
	if (diffIds.length !== layerNames.length) {
		throw new PeelError(`${store.label}: manifest.json lists ${layerNames.length} layers but the config has ${diffIds.length} diff_ids (corrupt archive)`);
	}
	const layers: LayerHandle[] = layerNames.map((raw, index) => {
		const name = normalizeEntryPath(raw);
		if (!name || !store.has(name)) throw new PeelError(`${store.label}: layer ${index} (${raw}) is missing from the archive`);
		const diffId = diffIds[index] ?? null;
		const source = diffId ? entry.LayerSources?.[diffId] : undefined;
		const mediaType = source?.mediaType ?? DOCKER_LAYER_TAR;
		const problem = layerProblem(mediaType);
		if (problem) throw new PeelError(`${store.label}: layer ${index} ${problem}`);
		// Files under blobs/sha256/ are named by their digest; verify it while reading.
		const named = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(name);
		return {
			index,
			mediaType,
			digest: named ? `sha256:${named[1]}` : null,
			size: store.size(name),
			diffId,
			open: () => store.open(name),
		};
	});
	return {
		digest: null,
		indexDigest: null,
		platform: config.os && config.architecture ? normalizePlatform({os: config.os, architecture: config.architecture, variant: config.variant}) : null,
		tags: entry.RepoTags ?? [],
		manifestMediaType: '',
		config,
		configDigest,
		layers,
	};
}
