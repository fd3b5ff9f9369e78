import {openArchiveFile, openOciLayoutDir} from './archive/open-archive.js';
import {openEngineImage} from './engine/open-engine.js';
import type {ImageHandle} from './image-handle.js';
import type {OpenOptions} from './open-options.js';
import {openRegistryImage} from './registry/open-registry.js';
import type {ImageInput} from './resolve-input.js';

/** Hands the input to the source that reads it; every source yields the same ImageHandle. */
export async function openImage(input: ImageInput, options: OpenOptions): Promise<ImageHandle> {
	switch (input.kind) {
		case 'archive':
			return openArchiveFile(input.path, {...options, tag: input.tag ?? options.tag, reference: input.reference});
		case 'oci-dir':
			return openOciLayoutDir(input.path, {...options, tag: input.tag ?? options.tag, reference: input.reference});
		case 'registry':
			return openRegistryImage(input.reference, options);
		case 'engine':
			return openEngineImage(input.engine, input.reference, options);
	}
}
