import type {IncomingHttpHeaders} from 'node:http';
import {request} from 'undici';
import {PeelError} from '../../errors.js';
import type {Dispatchers} from './dispatchers.js';

export interface HttpResponse {
	statusCode: number;
	headers: IncomingHttpHeaders;
	body: AsyncIterable<Buffer> & {dump(): Promise<void>; destroy(error?: Error): unknown; text(): Promise<string>};
	/** Where the response finally came from, after redirects. */
	url: URL;
}

export interface HttpRequest {
	method?: 'GET' | 'POST' | 'HEAD';
	headers?: Record<string, string>;
	body?: string;
	/** Sent only to this origin: redirects to any other host go without it. */
	authorization?: {origin: string; value: string};
	signal?: AbortSignal;
	/** For error messages, e.g. "blob sha256:… of foo/bar". */
	what: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 10;

/** Sends a request, following up to 10 redirects by hand (undici's request() does not). */
export async function sendFollowingRedirects(dispatchers: Dispatchers, start: URL, options: HttpRequest): Promise<HttpResponse> {
	let url = start;
	let method = options.method ?? 'GET';
	let body = options.body;
	for (let hop = 0; ; hop++) {
		const headers: Record<string, string> = {...options.headers};
		if (options.authorization && url.origin === options.authorization.origin) headers['authorization'] = options.authorization.value;
		const response = await request(url, {
			method,
			headers,
			body,
			signal: options.signal,
			dispatcher: dispatchers.for(url),
		});
		const location = response.headers['location'];
		if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== 'string') {
			return {statusCode: response.statusCode, headers: response.headers, body: response.body as HttpResponse['body'], url};
		}
		await response.body.dump();
		if (hop >= MAX_REDIRECTS) {
			throw new PeelError(`${url.host}: too many redirects (more than ${MAX_REDIRECTS}) fetching ${options.what}`);
		}
		const next = new URL(location, url);
		if (next.protocol !== 'https:' && next.protocol !== 'http:') {
			throw new PeelError(`${url.host}: redirect to an unsupported URL scheme ${next.protocol} fetching ${options.what}`);
		}
		if (url.protocol === 'https:' && next.protocol === 'http:') {
			throw new PeelError(`${url.host}: refusing a redirect from https to plain http (${next.host}) fetching ${options.what}`);
		}
		if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
			method = 'GET';
			body = undefined;
		}
		url = next;
	}
}

/** Reads a whole (small) body, refusing more than `limit` bytes. */
export async function readLimited(response: HttpResponse, limit: number, what: string, where: string): Promise<Buffer> {
	const declared = Number(response.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) {
		await response.body.dump();
		throw new PeelError(`${where}: ${what} is ${declared} bytes, more than the ${limit}-byte limit`);
	}
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of response.body) {
		total += chunk.length;
		if (total > limit) {
			response.body.destroy();
			throw new PeelError(`${where}: ${what} is larger than the ${limit}-byte limit`);
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

export function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
	const value = headers[name];
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}
