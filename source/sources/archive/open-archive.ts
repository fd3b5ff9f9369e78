import {PeelError} from '../../errors.js';
import type {ImageHandle} from '../image-handle.js';
import type {OpenOptions} from '../open-options.js';

/**
 * Opens an image archive file: any `docker save`/`podman save` generation, a crane
 * tarball or an OCI archive, compressed as a whole or not (detected by content).
 * `reference` is what ImageHandle.reference should say (defaults to the path).
 */
export async function openArchiveFile(path: string, options: OpenOptions & {reference?: string}): Promise<ImageHandle> {
	throw new PeelError(`cannot read ${path} yet`);
}
