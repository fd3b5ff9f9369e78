import type {JsonTarget} from './json-target.js';
import {JsonWriter, writeAll} from './json-writer.js';
import {writeAtomically, writeInPlace} from './write-atomically.js';

/**
 * Writes a report where `--json` says: `-` is stdout; a device or pipe (`/dev/null`, a FIFO)
 * is written in place — renaming a file onto it would replace the device; any other path is
 * written whole or not at all (temp file, then rename). The one way every command writes JSON.
 */
export function writeJsonReport(jsonPath: string, target: JsonTarget | null, value: unknown): void {
	if (!target) {
		const writer = JsonWriter.toFile(jsonPath);
		writer.write(value);
		writer.close();
		return;
	}
	(target.stream ? writeInPlace : writeAtomically)(target.landing, target.given, fd => {
		const writer = new JsonWriter(fd);
		writer.write(value);
		writer.end();
	});
}

/** A report already rendered (from the analysis cache), handed over chunk by chunk, written the same ways. */
export function writeJsonChunks(jsonPath: string, target: JsonTarget | null, produce: (take: (chunk: Buffer) => void) => void): void {
	if (!target) {
		if (jsonPath !== '-') throw new Error('a --json path without a target');
		produce(chunk => writeAll(1, chunk));
		return;
	}
	(target.stream ? writeInPlace : writeAtomically)(target.landing, target.given, fd => produce(chunk => writeAll(fd, chunk)));
}
