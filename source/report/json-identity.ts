import type {ImageHandle} from '../sources/image-handle.js';
import {imageIdentity} from '../sources/identity.js';

/** `peel.identity`: the resolution chain and the pinned reference, as the explorer's `i` shows them. */
export function jsonIdentity(handle: ImageHandle) {
	const id = imageIdentity(handle);
	return {
		typedReference: id.typedReference,
		reference: id.reference,
		indexDigest: id.indexDigest,
		manifestDigest: id.manifestDigest,
		configDigest: id.configDigest,
		imageId: id.imageId,
		pinnedReference: id.pinnedReference,
	};
}
