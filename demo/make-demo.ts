import {existsSync, realpathSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeContainerdStore} from '../test/fixtures/containerd-store.js';
import {buildDemoImage, DEMO_TAG} from './demo-image.js';

/**
 * Writes the bundled demo image as a Docker ≥ 25 (containerd store) `docker save` archive
 * with gzip layers. Run: `npx tsc && node build/demo/make-demo.js` (writes demo/demo.tar in
 * the repository root, whatever the current directory).
 */
export async function writeDemo(path: string): Promise<Buffer> {
	const image = await buildDemoImage();
	return writeContainerdStore(path, {platforms: [image], repoTags: [DEMO_TAG]});
}

/** The nearest directory above this module holding package.json (works from demo/ and build/demo/). */
export function repoRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	while (!existsSync(join(dir, 'package.json'))) {
		const parent = dirname(dir);
		if (parent === dir) throw new Error('cannot find the repository root (no package.json above this script)');
		dir = parent;
	}
	return dir;
}

export const DEMO_PATH = (): string => join(repoRoot(), 'demo', 'demo.tar');

const invokedDirectly = process.argv[1] !== undefined && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
	const path = DEMO_PATH();
	const bytes = await writeDemo(path);
	console.log(`wrote ${path} (${bytes.length} bytes)`);
}
