import type {Readable} from 'node:stream';
import {PeelError} from '../../errors.js';
import type {ImageReference} from '../../reference/parse-reference.js';
import type {Descriptor} from '../image-handle.js';
import type {Authenticator} from './authenticator.js';
import {openVerifiedBlob} from './blob-stream.js';
import {digestAlgorithm, digestOf} from './digest.js';
import type {Dispatchers} from './dispatchers.js';
import {type HttpResponse, headerValues, readLimited} from './http-request.js';
import {MANIFEST_LIMIT, verifyManifestDigest} from './manifest.js';
import {MANIFEST_ACCEPT} from '../media-types.js';
import {describeErrorBody, registryError} from './registry-errors.js';
import type {ResponseWarnings} from './response-warnings.js';
import {sendWithRetries} from './send-with-retries.js';

/** How many times one request re-authenticates after a 401 (anonymous → token → fresh token). */
const AUTH_ROUNDS = 2;

export interface FetchedManifest {
	bytes: Buffer;
	contentType: string | undefined;
	digest: string;
}

/** Talks to one repository of one registry: authenticated GETs, manifests, blobs. */
export class RegistryClient {
	constructor(
		readonly ref: ImageReference,
		readonly base: URL,
		/** Display name, e.g. docker.io or 127.0.0.1:5000. */
		readonly host: string,
		private readonly dispatchers: Dispatchers,
		private readonly auth: Authenticator,
		private readonly warnings: ResponseWarnings,
		private readonly signal?: AbortSignal,
	) {}

	/** GET /v2/… with authentication, redirects and retries; any status but 401 is returned. */
	async get(path: string, headers: Record<string, string>, what: string): Promise<HttpResponse> {
		for (let round = 0; ; round++) {
			const authorization = await this.auth.authorization();
			const response = await sendWithRetries(
				this.dispatchers,
				new URL(path, this.base),
				{
					headers,
					authorization: authorization ? {origin: this.base.origin, value: authorization} : undefined,
					signal: this.signal,
					what,
				},
				this.host,
			);
			const fromRegistry = response.url.origin === this.base.origin;
			if (fromRegistry) this.warnings.collect(response.headers);
			if (response.statusCode !== 401 || !fromRegistry) return response;
			if (round >= AUTH_ROUNDS) {
				const detail = await describeErrorBody(response);
				throw await this.auth.refused(`401${detail ? ` ${detail}` : ''}`);
			}
			await response.body.dump();
			await this.auth.unauthorized(response.headers, authorization);
		}
	}

	/** A manifest by tag or digest: raw bytes, digest-checked, at most 4 MiB. */
	async fetchManifest(reference: string, what: string): Promise<FetchedManifest> {
		const path = `/v2/${this.ref.path}/manifests/${reference}`;
		const response = await this.get(path, {accept: MANIFEST_ACCEPT}, `the manifest of ${what}`);
		if (response.statusCode !== 200) throw await registryError(this.host, response, `getting the manifest of ${what}`);
		const bytes = await readLimited(response, MANIFEST_LIMIT, `the manifest of ${what}`, `registry ${this.host}`);
		const expected = digestAlgorithm(reference) ? reference : null;
		const announced = headerValues(response.headers, 'docker-content-digest')[0];
		const digest = verifyManifestDigest(bytes, expected, announced, `registry ${this.host}: ${what}`);
		const contentType = headerValues(response.headers, 'content-type')[0];
		return {bytes, contentType, digest};
	}

	/** A small blob (the config) read whole, its size and digest checked. */
	async fetchBlob(descriptor: Descriptor, limit: number, what: string): Promise<Buffer> {
		if (descriptor.size > limit) throw new PeelError(`registry ${this.host}: ${what} is ${descriptor.size} bytes, more than the ${limit}-byte limit`);
		const response = await this.blobResponse(descriptor.digest, 0, what);
		const bytes = await readLimited(response, descriptor.size, what, `registry ${this.host}`);
		if (bytes.length !== descriptor.size) {
			throw new PeelError(`registry ${this.host}: ${what} is ${bytes.length} bytes, but its descriptor says ${descriptor.size}`);
		}
		const actual = digestOf(bytes, digestAlgorithm(descriptor.digest) ?? 'sha256');
		if (actual !== descriptor.digest) throw new PeelError(`registry ${this.host}: ${what} digest mismatch: expected ${descriptor.digest}, got ${actual}`);
		return bytes;
	}

	/**
	 * GET /v2/NAME/blobs/DIGEST, from `offset` on (Range) when resuming. Returns the 200 or
	 * 206 response; other statuses become a one-line error.
	 */
	async blobResponse(digest: string, offset: number, what: string): Promise<HttpResponse> {
		const headers: Record<string, string> = {'accept-encoding': 'identity'};
		if (offset > 0) headers['range'] = `bytes=${offset}-`;
		const response = await this.get(`/v2/${this.ref.path}/blobs/${digest}`, headers, what);
		if (response.statusCode === 200 || response.statusCode === 206) return response;
		const via = response.url.origin === this.base.origin ? this.host : `${this.host} (via ${response.url.host})`;
		const hint = response.statusCode === 404 ? 'the registry does not have this blob; push the image again' : '';
		throw await registryError(via, response, `getting ${what}`, hint);
	}

	/** The blob as a stream, verified while it flows (see blob-stream.ts). */
	openBlob(descriptor: Descriptor, label: string): Readable {
		return openVerifiedBlob(this, descriptor, label, this.signal);
	}
}
