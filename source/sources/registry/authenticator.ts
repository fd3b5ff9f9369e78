import type {IncomingHttpHeaders} from 'node:http';
import {PeelError} from '../../errors.js';
import type {ImageReference} from '../../reference/parse-reference.js';
import {parseChallenges} from './challenge.js';
import type {CredentialLookup} from './credentials/credential.js';
import {hasCredential} from './credentials/credential.js';
import {findCredentials} from './credentials/find-credentials.js';
import type {Dispatchers} from './dispatchers.js';
import {headerValues} from './http-request.js';
import {type BearerToken, fetchBearerToken} from './token-fetch.js';

interface BearerChallenge {
	realm: string;
	service?: string;
	scopes: Set<string>;
}

export interface AuthenticatorContext {
	ref: ImageReference;
	/** Display name of the registry, e.g. 127.0.0.1:5000. */
	host: string;
	dispatchers: Dispatchers;
	isInsecureHost(host: string): boolean;
	signal?: AbortSignal;
}

/**
 * Decides the Authorization header for one registry: nothing until challenged, then Basic
 * or a bearer token (fetched, cached, refreshed on expiry or on a 401).
 */
export class Authenticator {
	private mode: 'anonymous' | 'basic' | 'bearer' = 'anonymous';
	private bearer: BearerChallenge | null = null;
	private token: BearerToken | null = null;
	private pendingToken: Promise<BearerToken> | null = null;
	private lookup: Promise<CredentialLookup> | null = null;

	constructor(private readonly context: AuthenticatorContext) {}

	private credentials(): Promise<CredentialLookup> {
		this.lookup ??= findCredentials(this.context.ref).then(result =>
			result.credential && !hasCredential(result.credential) ? {credential: null, notes: result.notes} : result,
		);
		return this.lookup;
	}

	/** The Authorization value for requests to the registry itself (never to other hosts). */
	async authorization(): Promise<string | undefined> {
		if (this.mode === 'anonymous') return undefined;
		const {credential} = await this.credentials();
		if (this.mode === 'basic') {
			if (credential?.registryToken) return `Bearer ${credential.registryToken}`;
			return `Basic ${Buffer.from(`${credential!.username}:${credential!.password ?? ''}`).toString('base64')}`;
		}
		if (credential?.registryToken) return `Bearer ${credential.registryToken}`;
		return `Bearer ${(await this.currentToken()).value}`;
	}

	private async currentToken(): Promise<BearerToken> {
		const token = this.token;
		const margin = token ? Math.min(10_000, token.lifetimeMs / 10) : 0;
		if (token && Date.now() < token.expiresAt - margin) return token;
		this.pendingToken ??= this.fetchToken().finally(() => (this.pendingToken = null));
		this.token = await this.pendingToken;
		return this.token;
	}

	private async fetchToken(): Promise<BearerToken> {
		const {credential} = await this.credentials();
		return fetchBearerToken({
			realm: this.bearer!.realm,
			service: this.bearer!.service,
			scopes: [...this.bearer!.scopes],
			credential,
			registryHost: this.context.host,
			dispatchers: this.context.dispatchers,
			isInsecureHost: host => this.context.isInsecureHost(host),
			signal: this.context.signal,
		});
	}

	/**
	 * Learns from a 401: the challenge tells how to authenticate. A token that was refused
	 * is dropped so that the next authorization() fetches a fresh one.
	 */
	async unauthorized(headers: IncomingHttpHeaders, usedAuthorization: string | undefined): Promise<void> {
		const challenges = parseChallenges(headerValues(headers, 'www-authenticate'));
		const bearer = challenges.find(c => c.scheme === 'bearer' && c.params['realm']);
		const basic = challenges.find(c => c.scheme === 'basic');
		if (bearer) {
			const scopes = this.bearer?.scopes ?? new Set<string>();
			scopes.add(`repository:${this.context.ref.path}:pull`);
			for (const scope of (bearer.params['scope'] ?? '').split(' ')) if (scope) scopes.add(scope);
			this.bearer = {realm: bearer.params['realm']!, service: bearer.params['service'], scopes};
			this.mode = 'bearer';
			if (this.token && usedAuthorization === `Bearer ${this.token.value}`) this.token = null;
			return;
		}
		if (basic) {
			const {credential} = await this.credentials();
			// An identity token alone cannot answer a Basic challenge.
			if (!credential || (credential.username === undefined && !credential.registryToken)) throw await this.needsLogin('401');
			this.mode = 'basic';
			return;
		}
		const offered = challenges.map(c => c.scheme).join(', ') || 'no WWW-Authenticate challenge';
		throw new PeelError(`registry ${this.context.host} answered 401 with an unsupported authentication scheme (${offered})`);
	}

	/** The error for a 401 that persists after authenticating. */
	async refused(detail: string): Promise<PeelError> {
		const {credential} = await this.credentials();
		if (!credential) return this.needsLogin(detail);
		const host = this.context.host;
		return new PeelError(
			`registry ${host}: the credentials from ${credential.source} were refused for ${this.context.ref.path} (${detail}); log in again with docker login ${host}`,
		);
	}

	private async needsLogin(detail: string): Promise<PeelError> {
		const {notes} = await this.credentials();
		const host = this.context.host;
		const extra = notes.length ? `; note: ${notes.join('; ')}` : '';
		return new PeelError(
			`registry ${host}: ${this.context.ref.path} needs credentials or does not exist (${detail}); check the name, or log in with docker login ${host} or podman login ${host}${extra}`,
		);
	}
}
