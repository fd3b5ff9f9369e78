import {PeelError} from '../../errors.js';
import type {Dispatchers} from './dispatchers.js';
import {type HttpRequest, type HttpResponse, sendFollowingRedirects} from './http-request.js';
import {networkError} from './registry-errors.js';
import {MAX_ATTEMPTS, MAX_RETRY_AFTER_MS, backoffMs, isTransientError, isTransientStatus, retryAfterMs, wait} from './retry.js';

/**
 * Sends a request and retries transient failures (dropped connections, 5xx, 429 with its
 * Retry-After) a bounded number of times. Other statuses are returned to the caller.
 */
export async function sendWithRetries(dispatchers: Dispatchers, url: URL, options: HttpRequest, host: string): Promise<HttpResponse> {
	for (let attempt = 1; ; attempt++) {
		let response: HttpResponse;
		try {
			response = await sendFollowingRedirects(dispatchers, url, options);
		} catch (error) {
			if (options.signal?.aborted) throw error;
			if (attempt < MAX_ATTEMPTS && isTransientError(error)) {
				await wait(backoffMs(attempt), options.signal);
				continue;
			}
			throw networkError(host, error, options.what);
		}
		if (!isTransientStatus(response.statusCode)) return response;
		const after = retryAfterMs(response.headers);
		if (after !== null && after > MAX_RETRY_AFTER_MS) {
			await response.body.dump();
			const why = response.statusCode === 429 ? 'rate limited (429 Too Many Requests)' : `unavailable (${response.statusCode})`;
			const login = response.statusCode === 429 ? ', or log in to get a higher limit' : '';
			throw new PeelError(`registry ${host}: ${why} fetching ${options.what}; try again in ${Math.ceil(after / 1000)} s${login}`);
		}
		if (attempt >= MAX_ATTEMPTS) return response;
		await response.body.dump();
		await wait(after ?? backoffMs(attempt), options.signal);
	}
}
