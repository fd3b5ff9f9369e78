import type {DocumentChecker} from './checker.js';

/** The `oci-layout` file: {"imageLayoutVersion": "1.0.0"}. */
export function checkOciLayout(check: DocumentChecker, value: unknown): {imageLayoutVersion: string | undefined} {
	const body = check.object(value, '');
	return {imageLayoutVersion: check.optionalString(body['imageLayoutVersion'], 'imageLayoutVersion')};
}
