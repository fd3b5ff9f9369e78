import type {Descriptor, Platform} from '../image-handle.js';
import {type DocumentChecker, fieldPath} from './checker.js';

/** An index entry's platform: every part optional (containerd fills gaps), strings when present. */
function platformAt(check: DocumentChecker, value: unknown, path: string): Platform | undefined {
	const object = check.optionalObject(value, path);
	if (!object) return undefined;
	const platform: Platform = {
		os: check.optionalString(object['os'], fieldPath(path, 'os')) ?? '',
		architecture: check.optionalString(object['architecture'], fieldPath(path, 'architecture')) ?? '',
	};
	const variant = check.optionalString(object['variant'], fieldPath(path, 'variant'));
	if (variant !== undefined) platform.variant = variant;
	const osVersion = check.optionalString(object['os.version'], fieldPath(path, 'os.version'));
	if (osVersion !== undefined) platform['os.version'] = osVersion;
	return platform;
}

/**
 * An OCI content descriptor. digest and size are required (image-spec descriptor.md); a
 * missing mediaType is tolerated as '' (older archive writers), the callers decide.
 */
export function descriptorAt(check: DocumentChecker, value: unknown, path: string): Descriptor {
	const object = check.object(value, path);
	const descriptor: Descriptor = {
		mediaType: check.optionalString(object['mediaType'], fieldPath(path, 'mediaType')) ?? '',
		digest: check.digest(object['digest'], fieldPath(path, 'digest')),
		size: check.size(object['size'], fieldPath(path, 'size')),
	};
	const urls = check.optionalStrings(object['urls'], fieldPath(path, 'urls'));
	if (urls) descriptor.urls = urls;
	const annotations = check.optionalStringMap(object['annotations'], fieldPath(path, 'annotations'));
	if (annotations) descriptor.annotations = annotations;
	const platform = platformAt(check, object['platform'], fieldPath(path, 'platform'));
	if (platform) descriptor.platform = platform;
	return descriptor;
}
