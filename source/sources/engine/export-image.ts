import {PeelError} from '../../errors.js';
import type {Platform} from '../image-handle.js';
import type {EngineClient} from './engine-client.js';
import {readEngineError} from './engine-error-body.js';
import {imageNotFound, saysImageMissing} from './image-not-found.js';
import {spoolExport} from './spool-export.js';

/**
 * GET /images/get?names=REF (a docker-archive tar) spooled into `file`. `platform` is sent
 * only when given (the caller decides; the engine needs API 1.48 for it).
 */
export async function exportImage(
	client: EngineClient,
	apiVersion: string,
	reference: string,
	platform: Platform | null,
	file: string,
	signal?: AbortSignal,
): Promise<void> {
	const query = new URLSearchParams({names: reference});
	if (platform) {
		query.set('platform', JSON.stringify({os: platform.os, architecture: platform.architecture, ...(platform.variant ? {variant: platform.variant} : {})}));
	}
	// The engine may write the whole export before its first byte (podman does): no header timeout.
	const response = await client.get(`/v${apiVersion}/images/get?${query.toString()}`, {signal, headersTimeout: 0});
	if (response.statusCode !== 200) {
		const message = await readEngineError(response.body, response.statusCode);
		if (response.statusCode === 404 || saysImageMissing(message)) throw imageNotFound(client.engine, reference, client.endpoint);
		throw new PeelError(`the ${client.engine} engine could not export ${reference}: ${message}`);
	}
	await spoolExport(response.body, file, {engine: client.engine, reference}, signal);
}
