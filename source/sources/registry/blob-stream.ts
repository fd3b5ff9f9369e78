import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import {PeelError} from '../../errors.js';
import type {Descriptor} from '../image-handle.js';
import {digestAlgorithm} from './digest.js';
import {headerValues, type HttpResponse} from './http-request.js';
import type {RegistryClient} from './registry-client.js';
import {MAX_ATTEMPTS, backoffMs, isTransientError, wait} from './retry.js';

/** Marks a body that ended before its size: resumable like a dropped connection. */
class ShortBody extends Error {
	readonly transient = true;
}

/** Where a response's bytes start in the blob, or null when it cannot be used for resuming. */
function startOf(response: HttpResponse, offset: number): number | null {
	if (response.statusCode === 200) return 0;
	// Content-Range: bytes START-END/TOTAL
	const match = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(headerValues(response.headers, 'content-range')[0] ?? '');
	const start = match ? Number(match[1]) : NaN;
	return start === offset ? start : null;
}

/**
 * The blob as a Readable that streams while downloading: never held whole, never written
 * to disk. Size and digest are checked on the fly; a body longer than the descriptor is
 * aborted at once. Dropped connections, 5xx and 429 are retried, resuming with
 * `Range: bytes=N-` from the registry URL (redirect targets may be expired signed URLs).
 */
export function openVerifiedBlob(client: RegistryClient, descriptor: Descriptor, label: string, signal?: AbortSignal): Readable {
	const where = `registry ${client.host}: ${label} of ${client.ref.path}`;
	const algorithm = digestAlgorithm(descriptor.digest);

	async function* download(): AsyncGenerator<Buffer> {
		if (!algorithm) throw new PeelError(`${where}: unsupported digest ${descriptor.digest}`);
		const hash = createHash(algorithm);
		let offset = 0;
		for (let attempt = 1; ; attempt++) {
			let response: HttpResponse | null = null;
			try {
				response = await client.blobResponse(descriptor.digest, offset, label);
				let start = startOf(response, offset);
				if (start === null) {
					// A 206 for some other range: start over without Range.
					response.body.destroy();
					response = await client.blobResponse(descriptor.digest, 0, label);
					start = 0;
				}
				const declared = Number(headerValues(response.headers, 'content-length')[0]);
				if (Number.isFinite(declared) && start + declared > descriptor.size) {
					throw new PeelError(`${where}: the registry announced ${start + declared} bytes, but the descriptor says ${descriptor.size}; aborted`);
				}
				// A 200 after a partial download restarts at 0: drop what was already passed on.
				let skip = offset - start;
				for await (const chunk of response.body) {
					let data = chunk;
					if (skip > 0) {
						if (data.length <= skip) {
							skip -= data.length;
							continue;
						}
						data = data.subarray(skip);
						skip = 0;
					}
					if (offset + data.length > descriptor.size) {
						throw new PeelError(`${where}: the registry sent more than the ${descriptor.size} bytes of its descriptor; aborted`);
					}
					offset += data.length;
					hash.update(data);
					yield data;
				}
				if (offset < descriptor.size) throw new ShortBody(`ended after ${offset} of ${descriptor.size} bytes`);
				break;
			} catch (error) {
				response?.body.destroy();
				if (error instanceof PeelError || signal?.aborted) throw error;
				if (attempt < MAX_ATTEMPTS && isTransientError(error)) {
					await wait(backoffMs(attempt), signal);
					continue;
				}
				const reason = error instanceof ShortBody ? error.message : String((error as {code?: unknown}).code ?? (error as Error).message);
				throw new PeelError(`${where}: download failed after ${attempt} attempts (${reason}); try again`);
			}
		}
		const actual = `${algorithm}:${hash.digest('hex')}`;
		if (actual !== descriptor.digest) {
			throw new PeelError(`${where}: digest mismatch: expected ${descriptor.digest}, got ${actual}; the registry or a proxy corrupted it`);
		}
	}

	return Readable.from(download(), {objectMode: false});
}
