import type {Descriptor} from '../image-handle.js';
import type {DocumentChecker} from './checker.js';
import {descriptorAt} from './descriptor.js';

/** An OCI image manifest or Docker schema 2 manifest. */
export interface ImageManifestDocument {
	mediaType: string | undefined;
	config: Descriptor;
	layers: Descriptor[];
}

export function checkImageManifest(check: DocumentChecker, value: unknown): ImageManifestDocument {
	const body = check.object(value, '');
	return {
		mediaType: check.optionalString(body['mediaType'], 'mediaType'),
		config: descriptorAt(check, body['config'], 'config'),
		layers: check.array(body['layers'], 'layers', (item, path) => descriptorAt(check, item, path)),
	};
}
