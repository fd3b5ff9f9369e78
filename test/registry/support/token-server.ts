import {createHash, createPrivateKey, createPublicKey, randomUUID, sign} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {selfSignedCertificate} from './openssl.js';

export interface TokenServerOptions {
	/** Which field(s) carry the token; 'both' puts a token the registry refuses in `token`. */
	field?: 'token' | 'access_token' | 'both';
	/** expires_in to announce; omitted when undefined. */
	expiresIn?: number;
	/** Users allowed to log in with Basic (user → password). Anonymous pull is allowed unless requireLogin. */
	users?: Record<string, string>;
	requireLogin?: boolean;
	/** refresh_token → user, for the OAuth2 POST form. */
	refreshTokens?: Record<string, string>;
	/** Answer POSTs with 404, as servers without OAuth2 do. */
	noPost?: boolean;
	/** How many of the next tokens are issued already expired (the registry refuses them); counts down. */
	expiredFirst?: number;
}

export interface TokenRequestLog {
	method: string;
	query: URLSearchParams;
	form: URLSearchParams | null;
	authorization: string | undefined;
}

export interface TokenServer {
	realm: string;
	service: string;
	issuer: string;
	/** PEM bundle with the signing certificate, for the registry's rootcertbundle. */
	rootCertBundle: string;
	requests: TokenRequestLog[];
	options: TokenServerOptions;
	/** Signs a token directly (e.g. push access for test setup). */
	signToken(access: Array<{type: string; name: string; actions: string[]}>, subject?: string, lifetimeSeconds?: number): string;
	stop(): Promise<void>;
}

/** libtrust's key ID: SHA-256 of the DER public key, 240 bits, base32 in 12 groups of 4. */
export function libtrustKeyId(publicKeyDer: Buffer): string {
	const bytes = createHash('sha256').update(publicKeyDer).digest().subarray(0, 30);
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
	let text = '';
	for (let i = 0; i + 5 <= bits.length; i += 5) text += alphabet[parseInt(bits.slice(i, i + 5), 2)];
	return text.match(/.{4}/g)!.join(':');
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A small Docker token server (distribution's token auth): checks Basic logins or refresh
 * tokens, and answers ES256 JWTs that the real registry verifies against its rootcertbundle.
 */
export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
	const {cert, keyPem} = await selfSignedCertificate('peel test token signer');
	const privateKey = createPrivateKey(keyPem);
	const kid = libtrustKeyId(createPublicKey(privateKey).export({type: 'spki', format: 'der'}));
	const service = 'peel-test-registry';
	const issuer = 'peel-test-issuer';

	const signToken: TokenServer['signToken'] = (access, subject = '', lifetimeSeconds = 300) => {
		const now = Math.floor(Date.now() / 1000);
		const expired = (server.options.expiredFirst ?? 0) > 0;
		if (expired) server.options.expiredFirst! -= 1;
		const header = {typ: 'JWT', alg: 'ES256', kid};
		const claims = {
			iss: issuer,
			sub: subject,
			aud: service,
			// Well past distribution's 60 s leeway when issued expired.
			exp: expired ? now - 3600 : now + lifetimeSeconds,
			nbf: now - 10,
			iat: now,
			jti: randomUUID(),
			access,
		};
		const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
		const signature = sign('sha256', Buffer.from(input), {key: privateKey, dsaEncoding: 'ieee-p1363'});
		return `${input}.${base64url(signature)}`;
	};

	const server: TokenServer = {
		realm: '',
		service,
		issuer,
		rootCertBundle: cert,
		requests: [],
		options,
		signToken: (access, subject, lifetime) => {
			// Tokens for test setup are never issued expired.
			const saved = server.options.expiredFirst;
			server.options.expiredFirst = 0;
			try {
				return signToken(access, subject, lifetime);
			} finally {
				server.options.expiredFirst = saved;
			}
		},
		stop: async () => {},
	};

	const httpServer = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://token');
			const form = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : null;
			server.requests.push({method: req.method ?? 'GET', query: url.searchParams, form, authorization: req.headers.authorization});
			const o = server.options;
			const deny = (status: number) => {
				res.writeHead(status, {'content-type': 'application/json'});
				res.end(JSON.stringify({details: 'denied'}));
			};
			let user: string | null = null;
			if (form) {
				if (o.noPost) return deny(404);
				if (form.get('grant_type') !== 'refresh_token') return deny(400);
				user = o.refreshTokens?.[form.get('refresh_token') ?? ''] ?? null;
				if (!user) return deny(401);
			} else if (req.headers.authorization?.startsWith('Basic ')) {
				const [name = '', password = ''] = Buffer.from(req.headers.authorization.slice(6), 'base64').toString('utf8').split(/:(.*)/s);
				if (o.users?.[name] === undefined || o.users[name] !== password) return deny(401);
				user = name;
			} else if (o.requireLogin) return deny(401);

			const scopes = form ? (form.get('scope') ?? '').split(' ').filter(Boolean) : url.searchParams.getAll('scope');
			const access = scopes.map(scope => {
				const [type = '', ...rest] = scope.split(':');
				const actions = rest.pop() ?? '';
				return {type, name: rest.join(':'), actions: actions.split(',').filter(action => action === 'pull')};
			});
			const token = signToken(access, user ?? '');
			const body: Record<string, unknown> = {};
			const field = o.field ?? 'token';
			if (field === 'token') body['token'] = token;
			// A client that prefers `token` over `access_token` gets refused by the registry.
			if (field === 'both') body['token'] = 'not-a-valid-token';
			if (field === 'access_token' || field === 'both') body['access_token'] = token;
			if (o.expiresIn !== undefined) body['expires_in'] = o.expiresIn;
			res.writeHead(200, {'content-type': 'application/json'});
			res.end(JSON.stringify(body));
		});
	});
	await new Promise<void>(resolve => httpServer.listen(0, '127.0.0.1', resolve));
	const {port} = httpServer.address() as AddressInfo;
	server.realm = `http://127.0.0.1:${port}/token`;
	server.stop = () =>
		new Promise(resolve => {
			httpServer.closeAllConnections();
			httpServer.close(() => resolve());
		});
	return server;
}
