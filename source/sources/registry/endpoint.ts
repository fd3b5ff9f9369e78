import {PeelError} from '../../errors.js';
import type {ImageReference} from '../../reference/parse-reference.js';
import {isLoopbackHost} from '../../reference/registry-host.js';
import type {Dispatchers} from './dispatchers.js';
import {type HttpResponse, sendFollowingRedirects} from './http-request.js';
import {networkError} from './registry-errors.js';

export interface Endpoint {
	/** e.g. https://registry-1.docker.io or http://127.0.0.1:5000 */
	base: URL;
	/** The answer to GET /v2/ (200, or 401 with the challenge). */
	ping: HttpResponse | null;
}

/** A TLS handshake answered by a plain-http server. */
function isNotTls(error: unknown): boolean {
	const code = String((error as {code?: unknown}).code ?? (error as {cause?: {code?: unknown}}).cause?.code ?? '');
	return /^ERR_SSL_|^EPROTO$|^ECONNRESET$/.test(code) && !isCertificateError(error);
}

function isCertificateError(error: unknown): boolean {
	const code = String((error as {code?: unknown}).code ?? (error as {cause?: {code?: unknown}}).cause?.code ?? '');
	return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_TLSV1_ALERT_UNKNOWN_CA/.test(code);
}

function certificateError(host: string, error: unknown): PeelError {
	const code = String((error as {code?: unknown}).code ?? 'certificate error');
	return new PeelError(
		`registry ${host}: its TLS certificate is not trusted (${code}); add its CA with NODE_EXTRA_CA_CERTS=/path/ca.pem, or skip verification with --insecure-registry ${host}`,
	);
}

/**
 * Finds how to reach the registry: https with verified certificates, and for loopback or
 * --insecure-registry hosts also plain http when the server does not speak TLS. Insecure
 * hosts are tried over https without certificate checks first, as Docker does.
 */
export async function resolveEndpoint(
	ref: ImageReference,
	insecure: boolean,
	dispatchers: Dispatchers,
	signal: AbortSignal | undefined,
): Promise<Endpoint> {
	const host = ref.apiHost;
	const https = new URL(`https://${host}`);
	const allowHttp = insecure || isLoopbackHost(host);
	if (insecure) dispatchers.skipVerificationFor(https.origin);
	const what = 'connecting (GET /v2/)';
	try {
		return {base: https, ping: await ping(https, dispatchers, signal)};
	} catch (error) {
		if (signal?.aborted) throw error;
		if (isCertificateError(error)) throw certificateError(ref.domain, error);
		if (!allowHttp || !isNotTls(error)) throw networkError(ref.domain, error, what);
	}
	const http = new URL(`http://${host}`);
	try {
		return {base: http, ping: await ping(http, dispatchers, signal)};
	} catch (error) {
		if (signal?.aborted) throw error;
		throw networkError(ref.domain, error, what);
	}
}

async function ping(base: URL, dispatchers: Dispatchers, signal: AbortSignal | undefined): Promise<HttpResponse> {
	const response = await sendFollowingRedirects(dispatchers, new URL('/v2/', base), {signal, what: 'GET /v2/'});
	await response.body.dump();
	if (response.statusCode === 404) {
		throw new PeelError(`${base.host} does not serve the registry API (GET /v2/ answered 404); check the registry host name`);
	}
	return response;
}
