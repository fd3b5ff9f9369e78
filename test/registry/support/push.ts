import {type Dispatcher, request} from 'undici';
import type {BuiltImage} from '../../fixtures/image.js';

export interface PushOptions {
	/** Authorization header value for registries that require it. */
	authorization?: string;
	/** For https registries with a test CA. */
	dispatcher?: Dispatcher;
}

function headers(options: PushOptions, extra: Record<string, string> = {}): Record<string, string> {
	return options.authorization ? {...extra, authorization: options.authorization} : extra;
}

/** Uploads one blob through the registry's own API: POST an upload, then PUT it whole. */
export async function pushBlob(registryUrl: string, repo: string, digest: string, bytes: Buffer, options: PushOptions = {}): Promise<void> {
	const start = await request(`${registryUrl}/v2/${repo}/blobs/uploads/`, {method: 'POST', headers: headers(options), dispatcher: options.dispatcher});
	await start.body.dump();
	if (start.statusCode !== 202) throw new Error(`POST blob upload to ${repo}: ${start.statusCode}`);
	const location = new URL(String(start.headers['location']), registryUrl);
	location.searchParams.set('digest', digest);
	const put = await request(location, {
		method: 'PUT',
		headers: headers(options, {'content-type': 'application/octet-stream', 'content-length': String(bytes.length)}),
		body: bytes,
		dispatcher: options.dispatcher,
	});
	const text = await put.body.text();
	if (put.statusCode !== 201) throw new Error(`PUT blob ${digest} to ${repo}: ${put.statusCode} ${text}`);
}

/** PUTs a manifest (image or index) under a tag or its digest. */
export async function pushManifest(
	registryUrl: string,
	repo: string,
	reference: string,
	bytes: Buffer,
	mediaType: string,
	options: PushOptions = {},
): Promise<void> {
	const put = await request(`${registryUrl}/v2/${repo}/manifests/${reference}`, {
		method: 'PUT',
		headers: headers(options, {'content-type': mediaType}),
		body: bytes,
		dispatcher: options.dispatcher,
	});
	const text = await put.body.text();
	if (put.statusCode !== 201) throw new Error(`PUT manifest ${repo}:${reference}: ${put.statusCode} ${text}`);
}

/** Pushes an image's layers, config and manifest; `tag` null pushes by digest only. */
export async function pushImage(registryUrl: string, repo: string, tag: string | null, image: BuiltImage, options: PushOptions = {}): Promise<void> {
	for (const layer of image.layers) await pushBlob(registryUrl, repo, layer.digest, layer.blob, options);
	await pushBlob(registryUrl, repo, image.configDigest, image.configBytes, options);
	await pushManifest(registryUrl, repo, tag ?? image.manifestDigest, image.manifestBytes, image.manifest.mediaType, options);
}

/** Pushes an index (its manifests must be pushed first). */
export async function pushIndex(
	registryUrl: string,
	repo: string,
	tag: string,
	index: {bytes: Buffer; mediaType: string},
	options: PushOptions = {},
): Promise<void> {
	await pushManifest(registryUrl, repo, tag, index.bytes, index.mediaType, options);
}
