import http, {type IncomingHttpHeaders} from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';

export interface ProxiedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
}

/** What the proxy does instead of (or to) the upstream answer. */
export type Fault =
	| {kind: 'respond'; status: number; headers?: Record<string, string>; body?: string | Buffer}
	| {kind: 'redirect'; location: string; status?: number}
	/** Forward the answer but cut the connection after this many body bytes. */
	| {kind: 'reset-after'; bytes: number}
	/** Forward the answer with one byte of the body changed (same length). */
	| {kind: 'corrupt'}
	/** Forward the answer with extra bytes after the body; chunked drops Content-Length. */
	| {kind: 'append'; bytes: Buffer; chunked?: boolean}
	/** Forward status and headers but send this body instead. */
	| {kind: 'replace-body'; body: Buffer; headers?: Record<string, string>}
	/** Forward with headers changed. */
	| {kind: 'headers'; change: (headers: Record<string, string | string[]>) => void}
	/** Forward the request with some request headers removed (e.g. Range). */
	| {kind: 'strip-request-headers'; names: string[]}
	/** Answer only once `until` settles (a download that has not arrived yet), then as `after` says. */
	| {kind: 'hold'; until: Promise<unknown>; after?: Fault};

export interface FaultProxy {
	url: string;
	host: string;
	/** Every request that arrived, in order. */
	requests: ProxiedRequest[];
	/** Decides per request; `count` is how many earlier requests had the same method and path. */
	rule: (request: ProxiedRequest, count: number) => Fault | undefined;
	/** Back to passing everything through, with no requests seen. */
	reset(): void;
	stop(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a real registry that can misbehave on chosen
 * requests: resets mid-body, 429/500, redirects, corrupt or overlong bodies.
 */
export async function startFaultProxy(upstream: string, options: {bind?: string; tls?: {cert: string; key: string}} = {}): Promise<FaultProxy> {
	const upstreamUrl = new URL(upstream);
	const counts = new Map<string, number>();
	const proxy: FaultProxy = {
		url: '',
		host: '',
		requests: [],
		rule: () => undefined,
		reset() {
			proxy.rule = () => undefined;
			proxy.requests.length = 0;
			counts.clear();
		},
		stop: async () => {},
	};

	const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const request: ProxiedRequest = {method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers};
		proxy.requests.push(request);
		const key = `${request.method} ${request.path}`;
		const count = counts.get(key) ?? 0;
		counts.set(key, count + 1);
		let fault = proxy.rule(request, count);
		try {
			if (fault?.kind === 'hold') {
				await fault.until;
				fault = fault.after;
			}
			if (fault?.kind === 'respond') {
				res.writeHead(fault.status, fault.headers);
				res.end(fault.body);
				return;
			}
			if (fault?.kind === 'redirect') {
				res.writeHead(fault.status ?? 307, {location: fault.location, 'content-length': '0'});
				res.end();
				return;
			}
			const strip = fault?.kind === 'strip-request-headers' ? fault.names : [];
			const answer = await forward(upstreamUrl, req, strip);
			const headers: Record<string, string | string[]> = {};
			for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) headers[name] = value;
			let body = answer.body;
			if (fault?.kind === 'corrupt' && body.length > 0) {
				body = Buffer.from(body);
				body[body.length - 1] = body[body.length - 1]! ^ 0xff;
			}
			if (fault?.kind === 'replace-body') {
				body = fault.body;
				Object.assign(headers, fault.headers);
			}
			if (fault?.kind === 'append') {
				body = Buffer.concat([body, fault.bytes]);
				if (fault.chunked) delete headers['content-length'];
			}
			if (fault?.kind === 'headers') fault.change(headers);
			if (headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
			if (fault?.kind === 'reset-after') {
				const cut = fault.bytes;
				res.writeHead(answer.status, headers);
				await new Promise<void>(resolve => res.write(body.subarray(0, cut), () => resolve()));
				await sleep(50);
				res.socket?.destroy();
				return;
			}
			res.writeHead(answer.status, headers);
			res.end(body);
		} catch (error) {
			res.writeHead(502);
			res.end(String(error));
		}
	};

	const server = options.tls ? https.createServer({cert: options.tls.cert, key: options.tls.key}, handler) : http.createServer(handler);
	const bind = options.bind ?? '127.0.0.1';
	await new Promise<void>(resolve => server.listen(0, bind, resolve));
	const {port} = server.address() as AddressInfo;
	proxy.host = `${bind}:${port}`;
	proxy.url = `${options.tls ? 'https' : 'http'}://${proxy.host}`;
	proxy.stop = () =>
		new Promise(resolve => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return proxy;
}

function forward(upstream: URL, req: http.IncomingMessage, strip: string[]): Promise<{status: number; headers: IncomingHttpHeaders; body: Buffer}> {
	return new Promise((resolve, reject) => {
		const headers: Record<string, string | string[] | undefined> = {...req.headers, host: upstream.host};
		for (const name of strip) delete headers[name.toLowerCase()];
		const out = http.request({host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers}, answer => {
			const chunks: Buffer[] = [];
			answer.on('data', (chunk: Buffer) => chunks.push(chunk));
			answer.on('end', () => resolve({status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks)}));
			answer.on('error', reject);
		});
		out.on('error', reject);
		req.pipe(out);
	});
}
