import {PeelError} from '../../errors.js';
import {escapeText} from '../../text/escape.js';
import {DocumentChecker} from '../documents/checker.js';
import {checkImageConfig} from '../documents/image-config.js';
import {DOCUMENT_LIMITS, parseJsonDocument} from '../documents/json-document.js';
import {digestProblem} from '../digest.js';
import {type ImageReference, parseReference} from '../../reference/parse-reference.js';
import {DOCKER_HUB_DOMAIN} from '../../reference/registry-host.js';
import type {Descriptor, ImageConfig, ImageHandle, IndexEntry, LayerHandle, Platform} from '../image-handle.js';
import {indexEntriesOf, pickIndexEntry} from '../index-entries.js';
import type {OpenOptions} from '../open-options.js';
import {normalizePlatform} from '../platform.js';
import {Authenticator} from './authenticator.js';
import {BlobCache} from './blob-cache.js';
import {shortDigest} from './digest.js';
import {Dispatchers} from './dispatchers.js';
import {resolveEndpoint} from './endpoint.js';
import {insecureHostMatcher} from './insecure-hosts.js';
import {type ImageManifest, parseManifest} from './manifest.js';
import {IMAGE_CONFIG_TYPES} from '../media-types.js';
import {RegistryClient} from './registry-client.js';
import {ResponseWarnings} from './response-warnings.js';

/** Indexes pointing at indexes: followed this deep. */
const MAX_INDEX_DEPTH = 4;

/** Opens `reference` (e.g. nginx:1.27, registry://ghcr.io/o/r@sha256:…) straight from its registry. */
export async function openRegistryImage(reference: string, options: OpenOptions): Promise<ImageHandle> {
	const ref = parseReference(reference.replace(/^registry:\/\//, ''));
	// The reference grammar allows any algorithm; peel verifies sha256 and sha512 only.
	const problem = ref.digest === null ? null : digestProblem(ref.digest);
	if (problem) throw new PeelError(`${escapeText(reference, 200)}: the digest ${problem}`);
	const isInsecure = insecureHostMatcher(options.insecureRegistries);
	const insecure = isInsecure(ref.domain) || isInsecure(ref.apiHost);
	const dispatchers = new Dispatchers();
	try {
		const handle = await open(ref, options, dispatchers, insecure, isInsecure);
		if (reference !== handle.reference) handle.typedReference = reference;
		return handle;
	} catch (error) {
		await dispatchers.close();
		throw error;
	}
}

async function open(
	ref: ImageReference,
	options: OpenOptions,
	dispatchers: Dispatchers,
	insecure: boolean,
	isInsecureHost: (host: string) => boolean,
): Promise<ImageHandle> {
	const host = ref.domain;
	// Messages start with "registry HOST:", so name the image without its host.
	const named = ref.domain === DOCKER_HUB_DOMAIN ? ref.familiar : ref.full.slice(ref.domain.length + 1);
	const warnings: string[] = [];
	const endpoint = await resolveEndpoint(ref, insecure, dispatchers, options.signal);
	const auth = new Authenticator({
		ref,
		host,
		dispatchers,
		isInsecureHost,
		signal: options.signal,
	});
	if (endpoint.ping?.statusCode === 401) await auth.unauthorized(endpoint.ping.headers, undefined);
	const client = new RegistryClient(ref, endpoint.base, host, dispatchers, auth, new ResponseWarnings(warnings, host), options.signal);

	let fetched = await client.fetchManifest(ref.manifestReference, named);
	let manifest = parseManifest(fetched.bytes, fetched.contentType, `registry ${host}: ${named}`);
	let indexDigest: string | null = null;
	let picked: Descriptor | null = null;
	let indexEntries: IndexEntry[] | undefined;
	for (let depth = 0; manifest.kind === 'index'; depth++) {
		if (depth >= MAX_INDEX_DEPTH) throw new PeelError(`registry ${host}: ${named} nests indexes more than ${MAX_INDEX_DEPTH} deep`);
		indexDigest ??= fetched.digest;
		indexEntries = indexEntriesOf(manifest.manifests);
		picked = pickIndexEntry(manifest.manifests, options, `registry ${host}: ${named}`);
		const what = `${named} (${picked.digest})`;
		fetched = await client.fetchManifest(picked.digest, what);
		if (fetched.bytes.length !== picked.size) {
			throw new PeelError(`registry ${host}: the manifest of ${what} is ${fetched.bytes.length} bytes, but the index says ${picked.size}`);
		}
		manifest = parseManifest(fetched.bytes, fetched.contentType, `registry ${host}: ${what}`);
	}
	const image = manifest as ImageManifest;

	if (!IMAGE_CONFIG_TYPES.has(image.config.mediaType)) {
		throw new PeelError(`registry ${host}: ${named} is not a container image (its config is ${escapeText(image.config.mediaType, 100) || 'without a media type'})`);
	}
	const configBytes = await client.fetchBlob(image.config, DOCUMENT_LIMITS.config, `the config of ${named}`);
	const configFile = `registry ${host}: ${named} config ${shortDigest(image.config.digest)}…`;
	const config = checkImageConfig(new DocumentChecker(configFile), parseJsonDocument(configBytes, configFile, DOCUMENT_LIMITS.config));
	const diffIds = config.rootfs?.diff_ids ?? [];
	if (diffIds.length !== image.layers.length) {
		throw new PeelError(`registry ${host}: the manifest of ${named} lists ${image.layers.length} layers but its config has ${diffIds.length} diff_ids (a malformed image: push it again)`);
	}
	// Pulled blobs are kept (across runs in peel's cache, else while peel runs): reading a file again does not download its layer again.
	const cache = new BlobCache(options.keptBlobs ?? null);
	const layers: LayerHandle[] = image.layers.map((descriptor, index) => ({
		index,
		mediaType: descriptor.mediaType,
		digest: descriptor.digest,
		size: descriptor.size,
		diffId: diffIds[index] ?? null,
		open: () => cache.open(descriptor, () => client.openBlob(descriptor, `layer ${index} (${shortDigest(descriptor.digest)})`)),
	}));

	return {
		source: 'registry',
		reference: ref.full,
		digest: fetched.digest,
		indexDigest,
		platform: platformOf(config, picked),
		...(indexEntries ? {indexEntries} : {}),
		tags: ref.tag ? [ref.tag] : [],
		manifestMediaType: image.mediaType,
		config,
		configDigest: image.config.digest,
		layers,
		warnings,
		close: async () => {
			await Promise.all([dispatchers.close(), cache.close()]);
		},
	};
}

/** The image's own platform (config), else what the index said; normalized as every source does. */
function platformOf(config: ImageConfig, picked: Descriptor | null): Platform | null {
	if (typeof config.os === 'string' && typeof config.architecture === 'string') {
		return normalizePlatform({os: config.os, architecture: config.architecture, variant: config.variant});
	}
	return picked?.platform ? normalizePlatform(picked.platform) : null;
}
