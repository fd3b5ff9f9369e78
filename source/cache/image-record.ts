import {randomBytes} from 'node:crypto';
import {mkdirSync, readFileSync, unlinkSync} from 'node:fs';
import path from 'node:path';
import type {ImageAnalysis} from '../analysis/types.js';
import {JsonWriter} from '../report/json-writer.js';

/** What the cache keeps per image: enough for `--ci` (the analysis) and `--json` (the report's bytes, once one was asked for). */
export interface ImageRecord {
	analysis: ImageAnalysis;
	report: Buffer | null;
}

/** The report as bytes: written through the same JsonWriter as every report (into a private temp file), so cached bytes are a cold run's bytes. */
export function renderJson(value: unknown, dir: string): Buffer {
	mkdirSync(dir, {recursive: true, mode: 0o700});
	const file = path.join(dir, `.report-${process.pid}-${randomBytes(6).toString('hex')}`);
	try {
		const writer = JsonWriter.toFile(file);
		writer.write(value);
		writer.close();
		return readFileSync(file);
	} finally {
		try {
			unlinkSync(file);
		} catch {
			// Never created.
		}
	}
}
