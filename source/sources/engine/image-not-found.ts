import {PeelError} from '../../errors.js';
import {endpointUrl, type EngineEndpoint} from './engine-endpoint.js';

/** The image is not in the local engine: say so, and that the registry is the other way to read it. */
export function imageNotFound(engine: string, reference: string, endpoint: EngineEndpoint): PeelError {
	return new PeelError(
		`image ${reference} is not in the local ${engine} engine (${endpointUrl(endpoint)}); pull or build it there first, or run "peel ${reference}" to read it from the registry instead`,
	);
}

/** Podman answers some lookups of a missing image with 500 and this kind of message. */
export function saysImageMissing(message: string): boolean {
	return /image not known|no such image/i.test(message);
}
