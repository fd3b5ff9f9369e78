import {PeelError} from '../../errors.js';
import type {ImageHandle} from '../image-handle.js';
import type {OpenOptions} from '../open-options.js';

/** Opens `reference` (e.g. nginx:1.27) straight from its registry. */
export async function openRegistryImage(reference: string, _options: OpenOptions): Promise<ImageHandle> {
	throw new PeelError(`reading ${reference} from a registry is not supported yet`);
}
