import {PeelError} from '../../errors.js';
import {DocumentChecker} from '../documents/checker.js';
import {DOCUMENT_LIMITS, parseJsonDocument} from '../documents/json-document.js';
import type {EngineClient} from './engine-client.js';
import {readEngineError} from './engine-error-body.js';
import {referencePath} from './engine-reference.js';
import {imageNotFound, saysImageMissing} from './image-not-found.js';

/** The parts of GET /images/{name}/json that peel uses. */
export interface EngineImageInfo {
	id: string;
	repoTags: string[];
	/** NAME@DIGEST for each registry the image was pulled from (or pushed to); none for a built or loaded image. */
	repoDigests: string[];
}

/** Looks the image up first: engines agree on 404 here, not on images/get (podman says 500). */
export async function inspectImage(client: EngineClient, apiVersion: string, reference: string, signal?: AbortSignal): Promise<EngineImageInfo> {
	const response = await client.get(`/v${apiVersion}/images/${referencePath(reference)}/json`, {signal});
	if (response.statusCode !== 200) {
		const message = await readEngineError(response.body, response.statusCode);
		if (response.statusCode === 404 || saysImageMissing(message)) throw imageNotFound(client.engine, reference, client.endpoint);
		throw new PeelError(`the ${client.engine} engine could not look up ${reference}: ${message}`);
	}
	// Small (a few kB); bounded all the same, like every document peel reads.
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of response.body) {
			total += (chunk as Buffer).length;
			if (total > DOCUMENT_LIMITS.manifest) throw new PeelError(`the ${client.engine} engine sent more than ${DOCUMENT_LIMITS.manifest} bytes describing image ${reference}`);
			chunks.push(chunk as Buffer);
		}
	} catch (error) {
		response.body.destroy();
		if (error instanceof PeelError) throw error;
		throw new PeelError(`the ${client.engine} engine stopped answering while describing image ${reference} (${(error as Error).message}); try again`);
	}
	const file = `the ${client.engine} engine's description of image ${reference}`;
	const body = new DocumentChecker(file).object(parseJsonDocument(Buffer.concat(chunks), file, DOCUMENT_LIMITS.manifest), '');
	return {
		id: typeof body['Id'] === 'string' ? body['Id'] : '',
		repoTags: Array.isArray(body['RepoTags']) ? body['RepoTags'].filter((tag): tag is string => typeof tag === 'string' && tag !== '<none>:<none>') : [],
		repoDigests: Array.isArray(body['RepoDigests']) ? body['RepoDigests'].filter((entry): entry is string => typeof entry === 'string' && entry.includes('@')) : [],
	};
}
