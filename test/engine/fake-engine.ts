import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** What a route handler gets; `reply` sends JSON like the engine does. */
export type Route = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => void;

/** A tiny engine stand-in for failures a real engine will not produce on demand. */
export interface FakeEngine {
	/** unix:///… or tcp://127.0.0.1:PORT */
	host: string;
	socketPath: string | null;
	/** Every request path with its query, in order. */
	requests: string[];
	close(): Promise<void>;
}

export interface FakeEngineOptions {
	/** The Api-Version header to send on every answer; null sends none. */
	apiVersion: string | null;
	routes: Record<string, Route>;
	/** Listen on 127.0.0.1 instead of a unix socket; with `tls`, serve https. */
	tcp?: boolean;
	tls?: https.ServerOptions;
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, {'Content-Type': 'application/json'});
	response.end(JSON.stringify(body));
}

export async function startFakeEngine(options: FakeEngineOptions): Promise<FakeEngine> {
	const requests: string[] = [];
	const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
		const url = new URL(request.url ?? '/', 'http://engine');
		requests.push(url.pathname + url.search);
		if (options.apiVersion !== null) response.setHeader('Api-Version', options.apiVersion);
		const route = options.routes[url.pathname];
		if (route) route(request, response, url);
		else sendJson(response, 404, {message: `page not found: ${url.pathname}`});
	};
	const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
	const dir = options.tcp ? null : mkdtempSync(path.join(os.tmpdir(), 'peel-fake-engine-'));
	const socketPath = dir ? path.join(dir, 'engine.sock') : null;
	await new Promise<void>(resolve => (socketPath ? server.listen(socketPath, resolve) : server.listen(0, '127.0.0.1', resolve)));
	const port = socketPath ? 0 : (server.address() as AddressInfo).port;
	return {
		host: socketPath ? `unix://${socketPath}` : `tcp://127.0.0.1:${port}`,
		socketPath,
		requests,
		async close() {
			server.closeAllConnections();
			await new Promise(resolve => server.close(resolve));
			if (dir) rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** The two answers every open needs before the export: ping and image inspect. */
export function pingAndInspect(name: string, repoTags: string[]): Record<string, Route> {
	const id = 'sha256:' + 'ab'.repeat(32);
	const routes: Record<string, Route> = {
		'/_ping': (_request, response) => response.end('OK'),
	};
	for (const version of ['1.24', '1.41', '1.47', '1.48']) {
		routes[`/v${version}/images/${name}/json`] = (_request, response) => sendJson(response, 200, {Id: id, RepoTags: repoTags});
	}
	return routes;
}
