import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

/** A temp directory removed after the test file. */
export function tempDir(prefix = 'peel-test-'): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}
