import type {Descriptor} from '../image-handle.js';
import type {DocumentChecker} from './checker.js';
import {descriptorAt} from './descriptor.js';

/** An OCI image index or Docker manifest list (also an OCI layout's index.json). */
export interface ImageIndex {
	mediaType: string | undefined;
	manifests: Descriptor[];
}

export function checkImageIndex(check: DocumentChecker, value: unknown): ImageIndex {
	const body = check.object(value, '');
	return {
		mediaType: check.optionalString(body['mediaType'], 'mediaType'),
		manifests: check.array(body['manifests'], 'manifests', (item, path) => descriptorAt(check, item, path)),
	};
}
