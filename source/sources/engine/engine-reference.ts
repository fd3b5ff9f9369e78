import {PeelError} from '../../errors.js';

// Letters, digits and the separators of Docker's reference grammar (incl. [ipv6] hosts);
// anything else cannot name an image and must not reach a URL.
const referenceChars = /^[A-Za-z0-9[][A-Za-z0-9._\-/:@+[\]]*$/;
const dotSegment = /(^|\/)\.\.?(\/|$)/;

/** Rejects what cannot be an image reference or ID before it goes into an engine URL. */
export function checkEngineReference(engine: string, reference: string): void {
	if (reference === '') throw new PeelError(`${engine}:// needs an image, e.g. ${engine}://myapp:dev`);
	if (!referenceChars.test(reference) || dotSegment.test(reference) || reference.length > 4096) {
		throw new PeelError(`"${reference}" is not an image reference or ID; use ${engine}://NAME[:TAG] or ${engine}://NAME@DIGEST`);
	}
}

/**
 * The reference as URL path segments, as the docker CLI sends it: slashes, `:` and `@` stay
 * (the engine takes the rest of the path as the name); only IPv6 brackets need escaping.
 */
export function referencePath(reference: string): string {
	return reference.replace(/\[/g, '%5B').replace(/\]/g, '%5D');
}

/**
 * How the image is named in the handle: the engine's own tag for it when one matches what
 * the user typed (podman says localhost/myapp:dev), else the user's text with the default
 * `:latest` made explicit. IDs and digests stay as typed.
 */
export function displayReference(engine: string, reference: string, repoTags: string[], imageId: string): string {
	if (reference.includes('@') || isIdPrefix(reference, imageId)) return `${engine}://${reference}`;
	const wanted = familiar(withDefaultTag(reference));
	const match = repoTags.find(tag => familiar(tag) === wanted);
	return `${engine}://${match ?? withDefaultTag(reference)}`;
}

function isIdPrefix(reference: string, imageId: string): boolean {
	const id = imageId.replace(/^sha256:/, '');
	const ref = reference.replace(/^sha256:/, '');
	return /^[0-9a-f]+$/.test(ref) && id.length > 0 && id.startsWith(ref);
}

function withDefaultTag(reference: string): string {
	const lastSegment = reference.slice(reference.lastIndexOf('/') + 1);
	return lastSegment.includes(':') ? reference : `${reference}:latest`;
}

/** Drops the implied registry prefixes, so docker.io/library/x:1, x:1 and localhost/x:1 compare equal. */
function familiar(name: string): string {
	return name.replace(/^(?:docker\.io\/library\/|index\.docker\.io\/library\/|docker\.io\/|index\.docker\.io\/|localhost\/)/, '');
}
