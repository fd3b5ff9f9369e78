import type {ImageHandle} from './image-handle.js';
import type {OpenOptions} from './open-options.js';
import type {ImageInput} from './resolve-input.js';

/**
 * Hands the input to the source that reads it; every source yields the same ImageHandle.
 * Each source is loaded only when used: the registry and engine clients (undici and all)
 * cost a reading of a local file a dozen MB of memory for nothing.
 */
export async function openImage(input: ImageInput, options: OpenOptions): Promise<ImageHandle> {
	switch (input.kind) {
		case 'archive': {
			const {openArchiveFile} = await import('./archive/open-archive.js');
			return openArchiveFile(input.path, {...options, tag: input.tag ?? options.tag, reference: input.reference});
		}
		case 'oci-dir': {
			const {openOciLayoutDir} = await import('./archive/open-archive.js');
			return openOciLayoutDir(input.path, {...options, tag: input.tag ?? options.tag, reference: input.reference});
		}
		case 'registry': {
			const {openRegistryImage} = await import('./registry/open-registry.js');
			return openRegistryImage(input.reference, options);
		}
		case 'engine': {
			const {openEngineImage} = await import('./engine/open-engine.js');
			return openEngineImage(input.engine, input.reference, options);
		}
	}
}
