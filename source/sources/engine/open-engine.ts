import {PeelError} from '../../errors.js';
import type {ImageHandle} from '../image-handle.js';
import type {OpenOptions} from '../open-options.js';

/** Exports `reference` from the local Docker or Podman engine over its API socket. */
export async function openEngineImage(engine: 'docker' | 'podman', reference: string, _options: OpenOptions): Promise<ImageHandle> {
	throw new PeelError(`reading ${engine}://${reference} from the local engine is not supported yet`);
}
