import {PeelError} from '../../errors.js';
import {blobPath} from '../digest.js';
import {checkImageConfig} from '../documents/image-config.js';
import {checkImageIndex} from '../documents/image-index.js';
import {checkImageManifest} from '../documents/image-manifest.js';
import {DOCUMENT_LIMITS} from '../documents/json-document.js';
import type {Descriptor, ImageConfig, IndexEntry, LayerHandle, Platform} from '../image-handle.js';
import {indexEntriesOf, pickIndexEntry} from '../index-entries.js';
import {DOCKER_LAYER_TAR, layerProblem, manifestKind} from '../media-types.js';
import type {OpenOptions} from '../open-options.js';
import {isAttestation, normalizePlatform} from '../platform.js';
import type {BlobStore} from './blob-store.js';
import {readDocument, readVerifiedDocument} from './read-document.js';
import {describeTags, matchesTag, tagsOf} from './tags.js';

export interface ResolvedImage {
	/** Manifest digest; null for docker-archive tarballs, which keep no manifest. */
	digest: string | null;
	indexDigest: string | null;
	platform: Platform | null;
	/** The entries of the index the manifest was picked from (the innermost, when nested). */
	indexEntries?: IndexEntry[];
	tags: string[];
	manifestMediaType: string;
	config: ImageConfig;
	configDigest: string;
	layers: LayerHandle[];
}

/** Picks the image from an OCI layout's index.json (by tag, else the only one) and resolves it. */
export async function resolveOciImage(store: BlobStore, options: OpenOptions, extraTags: Map<string, string[]> = new Map()): Promise<ResolvedImage> {
	const read = await readDocument(store, 'index.json', DOCUMENT_LIMITS.manifest);
	const top = checkImageIndex(read.check, read.value).manifests;
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
	return resolveDescriptor(store, chosen, `index.json's manifests[${top.indexOf(chosen)}].size`, options, tags, null);
}

/** `referredBy` names the descriptor's place, for size mismatches ("index.json's manifests[0].size"). */
async function resolveDescriptor(
	store: BlobStore,
	descriptor: Descriptor,
	referredBy: string,
	options: OpenOptions,
	tags: string[],
	indexDigest: string | null,
	depth = 0,
): Promise<ResolvedImage> {
	if (depth > 4) throw new PeelError(`${store.label}: indexes nested too deeply`);
	const read = await readVerifiedDocument(store, descriptor, 'manifest', referredBy, DOCUMENT_LIMITS.manifest);
	const body = read.check.object(read.value, '');
	const kind = manifestKind(descriptor.mediaType, body);
	if (kind === 'index') {
		const all = checkImageIndex(read.check, body).manifests;
		const manifests = all.filter(d => !isAttestation(d));
		// Blobs of other platforms may be left out (Docker's containerd store): offer only what is here.
		const present = manifests.filter(d => store.has(blobPath(d.digest, store.label)));
		const absent = manifests.filter(d => !present.includes(d));
		const picked = pickIndexEntry(present, options, store.label, absent);
		const pickedAt = `the index's manifests[${all.indexOf(picked)}].size`;
		const result = await resolveDescriptor(store, picked, pickedAt, options, tags, indexDigest ?? descriptor.digest, depth + 1);
		result.platform ??= picked.platform ? normalizePlatform(picked.platform) : null;
		result.indexEntries ??= indexEntriesOf(all, absent);
		return result;
	}
	if (kind === 'schema1') throw new PeelError(`${store.label}: the image uses the legacy Docker schema 1 manifest, which peel does not support`);
	if (kind !== 'manifest') throw new PeelError(`${store.label}: ${descriptor.digest} is not an image manifest or index`);
	const manifest = checkImageManifest(read.check, body);
	const configRead = await readVerifiedDocument(store, manifest.config, 'image config', "the manifest's config.size", DOCUMENT_LIMITS.config);
	const config: ImageConfig = checkImageConfig(configRead.check, configRead.value);
	const layers = manifest.layers;
	const diffIds = config.rootfs?.diff_ids ?? [];
	if (diffIds.length !== layers.length) {
		throw new PeelError(`${store.label}: the manifest lists ${layers.length} layers but the config has ${diffIds.length} diff_ids (corrupt image)`);
	}
	const handles: LayerHandle[] = layers.map((layer, index) => {
		const problem = layerProblem(layer.mediaType ?? '');
		if (problem) throw new PeelError(`${store.label}: layer ${index} ${problem}`);
		const name = blobPath(layer.digest, `${store.label}: layer ${index}`);
		const stored = store.size(name);
		if (stored === null) {
			throw new PeelError(`${store.label}: layer ${index} (${layer.digest}) is missing from the archive${layer.urls?.length ? ' (a foreign layer, stored elsewhere)' : ''}`);
		}
		if (stored !== layer.size) {
			throw new PeelError(`${store.label}: layer ${index} (${layer.digest}) is ${stored} bytes, but the manifest's layers[${index}].size says ${layer.size} (a corrupt or altered image)`);
		}
		return {
			index,
			mediaType: layer.mediaType || DOCKER_LAYER_TAR,
			digest: layer.digest,
			size: layer.size,
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
