import {createWriteStream} from 'node:fs';
import type {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {PeelError} from '../../errors.js';
import {errorCode, timeoutCodes} from './connection-error.js';
import {engineErrorInTail} from './engine-error-in-tail.js';
import {TarCompleteness} from './tar-completeness.js';
import {formatBytes} from '../../text/bytes.js';

export interface SpoolSubject {
	engine: string;
	/** The image as the user named it, for messages. */
	reference: string;
}

/**
 * Writes the engine's export stream to `file` (created 0600, must not exist) and checks
 * that it is a complete tar: an engine that dies or fails mid-export gives a truncation error.
 */
export async function spoolExport(body: Readable, file: string, subject: SpoolSubject, signal?: AbortSignal): Promise<void> {
	const check = new TarCompleteness();
	// Chunks queue up while a write is in the thread pool and go out together (writev): the
	// socket keeps flowing, and a 64 KiB chunk is not one round trip to the pool each.
	const out = createWriteStream(file, {flags: 'wx', mode: 0o600, highWaterMark: 4 << 20});
	try {
		await pipeline(body, check, out, signal ? {signal} : {});
	} catch (error) {
		if (signal?.aborted || error instanceof PeelError) throw error;
		const syscall = (error as NodeJS.ErrnoException).syscall;
		if (syscall === 'write' || syscall === 'open') {
			throw new PeelError(`cannot write the ${subject.engine} export of ${subject.reference} to ${file}: ${(error as Error).message}; free some space in the temp directory (TMPDIR) and try again`);
		}
		const reason = errorCode(error) === timeoutCodes.body ? 'the engine stopped sending' : 'the connection was closed';
		throw truncated(subject, check, reason);
	}
	const problem = check.problem();
	if (problem) throw truncated(subject, check, `incomplete tar: ${problem}`);
}

function truncated(subject: SpoolSubject, check: TarCompleteness, reason: string): PeelError {
	const said = engineErrorInTail(check.tail);
	return new PeelError(
		`the ${subject.engine} engine's export of ${subject.reference} was cut off after ${formatBytes(check.bytes)} (${reason})` +
			(said ? `; the engine said: ${said}` : '') +
			'; try again, and check the engine if it keeps happening',
	);
}
