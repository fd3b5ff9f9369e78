import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs(). */
export async function tempDir(prefix = 'peel-registry-'): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
	made.push(dir);
	return dir;
}

export async function removeTempDirs(): Promise<void> {
	await Promise.all(made.splice(0).map(dir => rm(dir, {recursive: true, force: true})));
}
