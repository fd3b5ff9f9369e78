import {readFileSync} from 'node:fs';
import http, {type IncomingHttpHeaders} from 'node:http';
import https from 'node:https';
import type {Readable} from 'node:stream';
import {PeelError} from '../../errors.js';
import {connectionError, timeoutCodes} from './connection-error.js';
import type {EngineKind} from './discover-engine.js';
import type {EngineEndpoint, TlsFiles} from './engine-endpoint.js';

export interface EngineResponse {
	statusCode: number;
	/** Names in lower case. */
	headers: IncomingHttpHeaders;
	body: Readable;
}

export interface GetOptions {
	signal?: AbortSignal;
	/** Milliseconds to wait for the response headers (0 = no limit). */
	headersTimeout?: number;
}

const connectTimeout = 30_000;
// Between body bytes: generous, since the engine may pause while it reads its storage.
const bodyTimeout = 300_000;

/**
 * HTTP to one engine endpoint (unix socket or tcp, TLS when configured); maps connect
 * failures to PeelErrors. Node's own http client, not undici: undici re-joins the socket's
 * whole read buffer each time a slower consumer lets its parser resume, so a multi-GB
 * export in the engines' 32 KiB chunks took minutes (quadratic); node:http pauses the socket.
 * One connection per request: an engine client makes three (ping, inspect, export).
 */
export class EngineClient {
	readonly #base: http.RequestOptions;
	readonly #transport: typeof http | typeof https;
	readonly #open = new Set<http.IncomingMessage>();

	constructor(
		readonly engine: EngineKind,
		readonly endpoint: EngineEndpoint,
	) {
		if (endpoint.kind === 'unix') {
			this.#transport = http;
			this.#base = {socketPath: endpoint.socketPath, host: 'localhost'};
		} else {
			this.#transport = endpoint.tls ? https : http;
			this.#base = {host: endpoint.host, port: endpoint.port, ...(endpoint.tls ? tlsOptions(endpoint.tls) : {})};
		}
	}

	/** GET `path`; any HTTP status is returned, only connection failures throw. */
	async get(path: string, options: GetOptions = {}): Promise<EngineResponse> {
		try {
			const response = await this.#request(path, options);
			this.#open.add(response);
			response.once('close', () => this.#open.delete(response));
			// Idle time on the socket while the body streams; a paused (backpressured) socket counts too.
			response.setTimeout(bodyTimeout, () => response.destroy(coded('the engine sent nothing for 300 s', timeoutCodes.body)));
			return {statusCode: response.statusCode ?? 0, headers: response.headers, body: response};
		} catch (error) {
			if (options.signal?.aborted) throw error;
			throw connectionError(this.engine, this.endpoint, error);
		}
	}

	#request(path: string, options: GetOptions): Promise<http.IncomingMessage> {
		return new Promise((resolve, reject) => {
			const request = this.#transport.request({...this.#base, path, method: 'GET', agent: false, signal: options.signal});
			const timers: NodeJS.Timeout[] = [];
			const fail = (message: string, code: string) => request.destroy(coded(message, code));
			const headersTimeout = options.headersTimeout ?? 30_000;
			if (headersTimeout > 0) timers.push(setTimeout(fail, headersTimeout, 'no response headers in time', timeoutCodes.headers));
			request.once('socket', socket => {
				if (!socket.connecting) return;
				const timer = setTimeout(fail, connectTimeout, 'could not connect in time', timeoutCodes.connect);
				timers.push(timer);
				socket.once('connect', () => clearTimeout(timer));
			});
			const settle = () => timers.forEach(clearTimeout);
			request.once('response', response => {
				settle();
				resolve(response);
			});
			request.once('error', error => {
				settle();
				reject(error);
			});
			request.end();
		});
	}

	/** Drops the connections of bodies nobody read to the end (each request has its own). */
	async close(): Promise<void> {
		for (const response of this.#open) response.destroy();
		this.#open.clear();
	}
}

function coded(message: string, code: string): Error {
	return Object.assign(new Error(message), {code});
}

function tlsOptions(tls: TlsFiles): https.RequestOptions {
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
