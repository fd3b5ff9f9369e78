import {PeelError} from '../../errors.js';
import {isLoopbackHost} from '../../reference/registry-host.js';
import type {Credential} from './credentials/credential.js';
import type {Dispatchers} from './dispatchers.js';
import type {HttpResponse} from './http-request.js';
import {readLimited} from './http-request.js';
import {sendWithRetries} from './send-with-retries.js';

export interface BearerToken {
	value: string;
	/** Local clock, ms. */
	expiresAt: number;
	lifetimeMs: number;
}

export interface TokenRequest {
	realm: string;
	service?: string;
	scopes: string[];
	credential: Credential | null;
	/** The registry this token is for, for messages. */
	registryHost: string;
	dispatchers: Dispatchers;
	isInsecureHost(host: string): boolean;
	signal?: AbortSignal;
}

const DEFAULT_LIFETIME_S = 60;

function basic(username: string, password: string): string {
	return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function realmUrl(request: TokenRequest): URL {
	let url: URL;
	try {
		url = new URL(request.realm);
	} catch {
		throw new PeelError(`registry ${request.registryHost} names an invalid token server URL in its challenge`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new PeelError(`registry ${request.registryHost} names a token server with unsupported scheme ${url.protocol}`);
	}
	const sendsSecrets = Boolean(request.credential?.identityToken || request.credential?.username);
	if (url.protocol === 'http:' && sendsSecrets && !isLoopbackHost(url.host) && !request.isInsecureHost(url.host)) {
		throw new PeelError(
			`registry ${request.registryHost} asks for credentials at a plain-http token server (${url.host}); refusing to send them (add --insecure-registry ${url.host} if that is intended)`,
		);
	}
	return url;
}

/** Gets a bearer token from the realm of a `Bearer` challenge (Docker's token protocol). */
export async function fetchBearerToken(request: TokenRequest): Promise<BearerToken> {
	const url = realmUrl(request);
	const credential = request.credential;
	let response: HttpResponse | null = null;
	if (credential?.identityToken) {
		response = await postRefreshToken(url, request, credential.identityToken);
		// Token servers without OAuth2 answer 404: fall back to the GET form.
		if (response.statusCode === 404) {
			await response.body.dump();
			response = null;
		}
	}
	response ??= await getToken(url, request);
	if (response.statusCode !== 200) throw await refusal(response, request);
	return parseTokenResponse(await readLimited(response, 1024 * 1024, 'the token response', `token server ${response.url.host}`), request);
}

async function postRefreshToken(url: URL, request: TokenRequest, refreshToken: string): Promise<HttpResponse> {
	const form = new URLSearchParams({grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'peel'});
	if (request.service) form.set('service', request.service);
	if (request.scopes.length) form.set('scope', request.scopes.join(' '));
	return sendWithRetries(
		request.dispatchers,
		url,
		{
			method: 'POST',
			headers: {'content-type': 'application/x-www-form-urlencoded'},
			body: form.toString(),
			signal: request.signal,
			what: `a token for ${request.registryHost}`,
		},
		url.host,
	);
}

async function getToken(base: URL, request: TokenRequest): Promise<HttpResponse> {
	const url = new URL(base);
	if (request.service) url.searchParams.set('service', request.service);
	for (const scope of request.scopes) url.searchParams.append('scope', scope);
	const credential = request.credential;
	const withPassword = credential?.username !== undefined && credential.password !== undefined;
	if (withPassword) url.searchParams.set('account', credential.username!);
	return sendWithRetries(
		request.dispatchers,
		url,
		{
			headers: {accept: 'application/json'},
			authorization: withPassword ? {origin: url.origin, value: basic(credential.username!, credential.password!)} : undefined,
			signal: request.signal,
			what: `a token for ${request.registryHost}`,
		},
		url.host,
	);
}

async function refusal(response: HttpResponse, request: TokenRequest): Promise<PeelError> {
	await response.body.dump();
	const status = response.statusCode;
	const realmHost = response.url.host;
	if ((status === 401 || status === 403) && request.credential) {
		return new PeelError(
			`token server ${realmHost} refused the credentials from ${request.credential.source} for ${request.registryHost} (${status}); log in again with docker login ${request.registryHost}`,
		);
	}
	if (status === 401 || status === 403) {
		return new PeelError(
			`registry ${request.registryHost} needs credentials (token server ${realmHost} answered ${status}); log in with docker login ${request.registryHost} or podman login ${request.registryHost}`,
		);
	}
	return new PeelError(`token server ${realmHost} for ${request.registryHost} answered ${status}; try again later`);
}

function parseTokenResponse(bytes: Buffer, request: TokenRequest): BearerToken {
	let body: {token?: unknown; access_token?: unknown; expires_in?: unknown};
	try {
		body = JSON.parse(bytes.toString('utf8')) as typeof body;
	} catch {
		throw new PeelError(`token server for ${request.registryHost} answered something that is not JSON`);
	}
	// access_token is the OAuth2 name; token the older one. Prefer access_token.
	const value = typeof body.access_token === 'string' && body.access_token ? body.access_token : body.token;
	if (typeof value !== 'string' || value === '') throw new PeelError(`token server for ${request.registryHost} answered without a token`);
	const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S;
	const lifetimeMs = seconds * 1000;
	return {value, lifetimeMs, expiresAt: Date.now() + lifetimeMs};
}
