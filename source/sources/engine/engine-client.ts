import {readFileSync} from 'node:fs';
import {Agent, request, type Dispatcher} from 'undici';
import {PeelError} from '../../errors.js';
import {connectionError} from './connection-error.js';
import type {EngineKind} from './discover-engine.js';
import type {EngineEndpoint, TlsFiles} from './engine-endpoint.js';

export type EngineResponse = Dispatcher.ResponseData;

export interface GetOptions {
	signal?: AbortSignal;
	/** Milliseconds to wait for the response headers (0 = no limit). */
	headersTimeout?: number;
}

/** HTTP to one engine endpoint (unix socket or tcp, TLS when configured); maps connect failures to PeelErrors. */
export class EngineClient {
	readonly #agent: Agent;
	readonly #origin: string;

	constructor(
		readonly engine: EngineKind,
		readonly endpoint: EngineEndpoint,
	) {
		if (endpoint.kind === 'unix') {
			// The host part is not used on a unix socket, but must be a valid URL.
			this.#origin = 'http://localhost';
			this.#agent = new Agent({connect: {socketPath: endpoint.socketPath}});
		} else {
			const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
			this.#origin = `${endpoint.tls ? 'https' : 'http'}://${host}:${endpoint.port}`;
			this.#agent = new Agent({connect: endpoint.tls ? tlsOptions(endpoint.tls) : {}});
		}
	}

	/** GET `path`; any HTTP status is returned, only connection failures throw. */
	async get(path: string, options: GetOptions = {}): Promise<EngineResponse> {
		try {
			return await request(this.#origin + path, {
				method: 'GET',
				dispatcher: this.#agent,
				signal: options.signal,
				headersTimeout: options.headersTimeout ?? 30_000,
				// Between body chunks: generous, since the engine may pause while it reads its storage.
				bodyTimeout: 300_000,
			});
		} catch (error) {
			if (options.signal?.aborted) throw error;
			throw connectionError(this.engine, this.endpoint, error);
		}
	}

	async close(): Promise<void> {
		await this.#agent.close().catch(() => undefined);
	}
}

function tlsOptions(tls: TlsFiles): {ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: boolean} {
	const read = (file: string | null) => {
		if (file === null) return undefined;
		try {
			return readFileSync(file);
		} catch (error) {
			throw new PeelError(`cannot read TLS file ${file}: ${(error as Error).message}`);
		}
	};
	return {ca: read(tls.ca), cert: read(tls.cert), key: read(tls.key), rejectUnauthorized: tls.verify};
}
