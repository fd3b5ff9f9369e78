import {PeelError} from '../../errors.js';
import type {EngineClient} from './engine-client.js';
import {readEngineError} from './engine-error-body.js';
import {referencePath} from './engine-reference.js';
import {imageNotFound, saysImageMissing} from './image-not-found.js';

/** The parts of GET /images/{name}/json that peel uses. */
export interface EngineImageInfo {
	id: string;
	repoTags: string[];
}

/** Looks the image up first: engines agree on 404 here, not on images/get (podman says 500). */
export async function inspectImage(client: EngineClient, apiVersion: string, reference: string, signal?: AbortSignal): Promise<EngineImageInfo> {
	const response = await client.get(`/v${apiVersion}/images/${referencePath(reference)}/json`, {signal});
	if (response.statusCode !== 200) {
		const message = await readEngineError(response.body, response.statusCode);
		if (response.statusCode === 404 || saysImageMissing(message)) throw imageNotFound(client.engine, reference, client.endpoint);
		throw new PeelError(`the ${client.engine} engine could not look up ${reference}: ${message}`);
	}
	let body: Record<string, unknown>;
	try {
		body = (await response.body.json()) as Record<string, unknown>;
	} catch {
		throw new PeelError(`the ${client.engine} engine sent an unreadable answer for image ${reference}`);
	}
	return {
		id: typeof body['Id'] === 'string' ? body['Id'] : '',
		repoTags: Array.isArray(body['RepoTags']) ? body['RepoTags'].filter((tag): tag is string => typeof tag === 'string' && tag !== '<none>:<none>') : [],
	};
}
