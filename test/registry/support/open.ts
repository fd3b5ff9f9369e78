import type {ImageHandle} from '../../../source/sources/image-handle.js';
import type {OpenOptions} from '../../../source/sources/open-options.js';
import {openRegistryImage} from '../../../source/sources/registry/open-registry.js';
import {readAll} from './read-stream.js';

const opened: ImageHandle[] = [];

/** Opens a registry image for a test (linux/amd64 unless told); closeOpened() releases them. */
export async function openImage(reference: string, options: Partial<OpenOptions> = {}): Promise<ImageHandle> {
	const handle = await openRegistryImage(reference, {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: [], ...options});
	opened.push(handle);
	return handle;
}

export async function closeOpened(): Promise<void> {
	await Promise.all(opened.splice(0).map(handle => handle.close()));
}

/** Opens every layer at once (as the loader does) and reads them fully. */
export async function readLayers(handle: ImageHandle): Promise<Buffer[]> {
	return Promise.all(handle.layers.map(async layer => readAll(await layer.open())));
}

/** The PeelError an async call ends with (fails when it succeeds). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}
