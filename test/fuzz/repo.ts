import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The repository root: the nearest directory above this module with package.json (works from test/ and build/test/). */
export function repoRoot(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	while (!existsSync(path.join(dir, 'package.json'))) {
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error('no package.json above the fuzzer');
		dir = parent;
	}
	return dir;
}

/** The built CLI under test; FUZZ_PEEL points at another build (e.g. a copy taken while the tree is still). */
export const PEEL_CLI = process.env['FUZZ_PEEL'] ?? path.join(repoRoot(), 'build', 'cli.js');
export const DEMO_TAR = path.join(repoRoot(), 'demo', 'demo.tar');
