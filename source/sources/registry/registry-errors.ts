import {PeelError} from '../../errors.js';
import type {HttpResponse} from './http-request.js';

/** `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"…"}]}` → "MANIFEST_UNKNOWN: …" */
export async function describeErrorBody(response: HttpResponse): Promise<string> {
	let text = '';
	try {
		const chunks: Buffer[] = [];
		let total = 0;
		for await (const chunk of response.body) {
			total += chunk.length;
			if (total > 64 * 1024) break;
			chunks.push(chunk);
		}
		text = Buffer.concat(chunks).toString('utf8');
	} catch {
		return '';
	} finally {
		response.body.destroy();
	}
	try {
		const parsed = JSON.parse(text) as {errors?: Array<{code?: unknown; message?: unknown}>};
		const first = parsed.errors?.[0];
		if (first && typeof first.code === 'string') {
			const message = typeof first.message === 'string' && first.message ? `: ${first.message}` : '';
			return oneLine(`${first.code}${message}`);
		}
	} catch {
		// Not the registry's JSON error format: say nothing rather than echo a page.
	}
	return '';
}

/** Flattens text from a server to one printable line (no newlines, no terminal escapes). */
export function oneLine(text: string, max = 200): string {
	const flat = text
		.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
		.replace(/\s+/g, ' ')
		.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
		.trim();
	return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** The one-line error for a failed registry request. */
export async function registryError(host: string, response: HttpResponse, what: string, hint = ''): Promise<PeelError> {
	const detail = await describeErrorBody(response);
	const status = `${response.statusCode}${detail ? ` ${detail}` : ''}`;
	let advice = hint;
	if (!advice) {
		if (response.statusCode === 404) advice = 'check the name and tag';
		else if (response.statusCode === 403) advice = 'the account has no pull access to it';
		else if (response.statusCode >= 500) advice = 'the registry is failing; try again later';
	}
	return new PeelError(`registry ${host}: ${what} failed (${status})${advice ? `; ${advice}` : ''}`);
}

/** A network failure as one line: "cannot reach registry HOST (ECONNREFUSED)". */
export function networkError(host: string, error: unknown, what: string): PeelError {
	if (error instanceof PeelError) return error;
	const code = (error as {code?: unknown}).code;
	const cause = (error as {cause?: {code?: unknown; message?: unknown}}).cause;
	const reason = typeof code === 'string' && code !== 'UND_ERR_SOCKET' ? code : typeof cause?.code === 'string' ? cause.code : oneLine(String((error as Error).message ?? error), 120);
	return new PeelError(`registry ${host}: ${what} failed: network error (${reason}); check the host name and that the registry is up`);
}
