import {createHash} from 'node:crypto';
import {PeelError} from '../../errors.js';
import {blobPath} from '../digest.js';
import type {Descriptor, ImageConfig, LayerHandle, Platform} from '../image-handle.js';
import {DOCKER_LAYER_TAR, layerProblem, manifestKind} from '../media-types.js';
import type {OpenOptions} from '../open-options.js';
import {isAttestation, normalizePlatform, selectPlatform} from '../platform.js';
import {readSmall, type BlobStore} from './blob-store.js';
import {parseJson} from './parse-json.js';
import {describeTags, matchesTag, tagsOf} from './tags.js';

export interface ResolvedImage {
	/** Manifest digest; null for docker-archive tarballs, which keep no manifest. */
	digest: string | null;
	indexDigest: string | null;
	platform: Platform | null;
	tags: string[];
	manifestMediaType: string;
	config: ImageConfig;
	configDigest: string;
	layers: LayerHandle[];
}

/** Reads a blob named by a descriptor and checks its size and digest. */
async function readVerified(store: BlobStore, descriptor: Descriptor, what: string): Promise<Buffer> {
	const name = blobPath(descriptor.digest, `${store.label}: ${what}`);
	if (!store.has(name)) throw new PeelError(`${store.label}: the ${what} (${descriptor.digest}) is missing from the archive`);
	const bytes = await readSmall(store, name).catch(error => {
		throw new PeelError(`${store.label}: cannot read the ${what}: ${(error as Error).message}`);
	});
	const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
	if (digest !== descriptor.digest) throw new PeelError(`${store.label}: the ${what} does not match its digest ${descriptor.digest} (corrupt archive)`);
	return bytes;
}

/** Picks the image from an OCI layout's index.json (by tag, else the only one) and resolves it. */
export async function resolveOciImage(store: BlobStore, options: OpenOptions, extraTags: Map<string, string[]> = new Map()): Promise<ResolvedImage> {
	const index = parseJson(await readSmall(store, 'index.json'), `${store.label}: index.json`) as {manifests?: Descriptor[]};
	const top = (index.manifests ?? []).filter(d => d && typeof d.digest === 'string');
	if (top.length === 0) throw new PeelError(`${store.label}: index.json lists no images`);
	let chosen: Descriptor;
	if (options.tag) {
		const hits = top.filter(d => matchesTag([...tagsOf(d), ...(extraTags.get(d.digest) ?? [])], options.tag!));
		if (hits.length === 0) throw new PeelError(`${store.label} has no image tagged "${options.tag}"; it has: ${describeTags(top, extraTags)}`);
		chosen = hits[0]!;
	} else {
		const distinct = new Set(top.map(d => d.digest));
		if (distinct.size > 1) {
			throw new PeelError(`${store.label} holds ${distinct.size} images; choose one with --tag (or :TAG): ${describeTags(top, extraTags)}`);
		}
		chosen = top[0]!;
	}
	const tags = [...new Set(top.filter(d => d.digest === chosen.digest).flatMap(d => [...tagsOf(d), ...(extraTags.get(d.digest) ?? [])]))];
	return resolveDescriptor(store, chosen, options, tags, null);
}

async function resolveDescriptor(store: BlobStore, descriptor: Descriptor, options: OpenOptions, tags: string[], indexDigest: string | null, depth = 0): Promise<ResolvedImage> {
	if (depth > 4) throw new PeelError(`${store.label}: indexes nested too deeply`);
	const bytes = await readVerified(store, descriptor, 'manifest');
	const body = parseJson(bytes, `${store.label}: manifest ${descriptor.digest}`) as Record<string, unknown>;
	const kind = manifestKind(descriptor.mediaType, body);
	if (kind === 'index') {
		const manifests = ((body['manifests'] as Descriptor[] | undefined) ?? []).filter(d => !isAttestation(d));
		// Blobs of other platforms may be left out (Docker's containerd store): offer only what is here.
		const present = manifests.filter(d => store.has(blobPath(d.digest, store.label)));
		const absent = manifests.filter(d => !present.includes(d));
		const picked = selectPlatform(present, options.platform, store.label, absent);
		const result = await resolveDescriptor(store, picked, options, tags, indexDigest ?? descriptor.digest, depth + 1);
		result.platform ??= picked.platform ? normalizePlatform(picked.platform) : null;
		return result;
	}
	if (kind === 'schema1') throw new PeelError(`${store.label}: the image uses the legacy Docker schema 1 manifest, which peel does not support`);
	if (kind !== 'manifest') throw new PeelError(`${store.label}: ${descriptor.digest} is not an image manifest or index`);
	const manifest = body as {config?: Descriptor; layers?: Descriptor[]; mediaType?: string};
	if (!manifest.config?.digest) throw new PeelError(`${store.label}: the manifest has no config`);
	const configBytes = await readVerified(store, manifest.config, 'image config');
	const config = parseJson(configBytes, `${store.label}: image config`) as ImageConfig;
	const layers = manifest.layers ?? [];
	const diffIds = config.rootfs?.diff_ids ?? [];
	if (diffIds.length !== layers.length) {
		throw new PeelError(`${store.label}: the manifest lists ${layers.length} layers but the config has ${diffIds.length} diff_ids (corrupt image)`);
	}
	const handles: LayerHandle[] = layers.map((layer, index) => {
		const problem = layerProblem(layer.mediaType ?? '');
		if (problem) throw new PeelError(`${store.label}: layer ${index} ${problem}`);
		const name = blobPath(layer.digest, `${store.label}: layer ${index}`);
		if (!store.has(name)) {
			throw new PeelError(`${store.label}: layer ${index} (${layer.digest}) is missing from the archive${layer.urls?.length ? ' (a foreign layer, stored elsewhere)' : ''}`);
		}
		return {
			index,
			mediaType: layer.mediaType || DOCKER_LAYER_TAR,
			digest: layer.digest,
			size: typeof layer.size === 'number' ? layer.size : null,
			diffId: diffIds[index] ?? null,
			open: () => store.open(name),
		};
	});
	const platform = config.os && config.architecture ? normalizePlatform({os: config.os, architecture: config.architecture, variant: config.variant}) : null;
	return {
		digest: descriptor.digest,
		indexDigest,
		platform,
		tags,
		manifestMediaType: descriptor.mediaType || manifest.mediaType || '',
		config,
		configDigest: manifest.config.digest,
		layers: handles,
	};
}
