// Run in a child process (see run-child.ts): opens argv[2] from its registry, reads every
// layer, and prints a JSON summary; a PeelError is printed as one line on stderr, exit 2.
import {isPeelError} from '../../../source/errors.js';
import {openRegistryImage} from '../../../source/sources/registry/open-registry.js';
import {readAll} from './read-stream.js';

try {
	const handle = await openRegistryImage(process.argv[2]!, {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
	const sizes: number[] = [];
	for (const layer of handle.layers) sizes.push((await readAll(await layer.open())).length);
	await handle.close();
	process.stdout.write(JSON.stringify({reference: handle.reference, digest: handle.digest, sizes}));
} catch (error) {
	process.stderr.write(`${isPeelError(error) ? error.message : String((error as Error).stack)}\n`);
	process.exitCode = isPeelError(error) ? error.exitCode : 1;
}
