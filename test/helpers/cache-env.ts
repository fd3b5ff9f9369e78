import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every CLI run in the tests gets its own empty analysis cache unless the test names one:
 * a run must never be answered from what another test left (a test that corrupts a blob
 * whose digest an earlier run cached would otherwise see the cached, healthy layer).
 * Returns the env to add and a cleanup.
 */
export function isolatedCache(env: Record<string, string | undefined> = {}): {env: Record<string, string>; cleanup: () => void} {
	if (env['PEEL_CACHE_DIR'] !== undefined || env['PEEL_NO_CACHE'] !== undefined) return {env: {}, cleanup: () => {}};
	const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-cache-'));
	return {env: {PEEL_CACHE_DIR: dir}, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}
