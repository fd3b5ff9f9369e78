import type {IncomingHttpHeaders} from 'node:http';
import {setTimeout as sleep} from 'node:timers/promises';

/** How many times one request (or one blob download) is tried in all. */
export const MAX_ATTEMPTS = 5;
/** A Retry-After longer than this is reported instead of waited for. */
export const MAX_RETRY_AFTER_MS = 60_000;

const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

export function isTransientStatus(status: number): boolean {
	return TRANSIENT_STATUSES.has(status);
}

/** A dropped connection or timeout, worth another try. */
export function isTransientError(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; current && depth < 4; depth++) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
		if ((current as {transient?: unknown}).transient === true) return true;
		current = (current as {cause?: unknown}).cause;
	}
	return false;
}

/** Retry-After as milliseconds (seconds or an HTTP date), or null. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | null {
	const value = headers['retry-after'];
	if (typeof value !== 'string' || value.trim() === '') return null;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with jitter: ~0.25 s, 0.5 s, 1 s, 2 s … (at most 8 s). */
export function backoffMs(attempt: number): number {
	const base = Math.min(8000, 250 * 2 ** attempt);
	return base / 2 + Math.random() * (base / 2);
}

export async function wait(ms: number, signal?: AbortSignal): Promise<void> {
	await sleep(ms, undefined, {signal});
}
