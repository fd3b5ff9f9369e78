import {PeelError} from '../../errors.js';
import {negotiateApiVersion} from './api-version.js';
import type {EngineClient} from './engine-client.js';
import {endpointUrl} from './engine-endpoint.js';
import {readEngineError} from './engine-error-body.js';

/** GET /_ping and negotiate the API version from its Api-Version header. */
export async function pingEngine(client: EngineClient, signal?: AbortSignal): Promise<string> {
	const response = await client.get('/_ping', {signal, headersTimeout: 15_000});
	const header = response.headers['api-version'];
	const apiVersion = Array.isArray(header) ? header[0] : header;
	if (response.statusCode >= 400 && !apiVersion) {
		const message = await readEngineError(response.body, response.statusCode);
		throw new PeelError(
			`${endpointUrl(client.endpoint)} does not answer like a ${client.engine} engine (GET /_ping: ${message}); point ${client.engine === 'docker' ? 'DOCKER_HOST' : 'CONTAINER_HOST'} or --engine-host at the engine's API socket`,
		);
	}
	response.body.resume();
	return negotiateApiVersion(apiVersion, client.engine);
}
