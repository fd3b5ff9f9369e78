export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_SCHEMA1 = 'application/vnd.docker.distribution.manifest.v1+json';
export const DOCKER_SCHEMA1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
export const DOCKER_LAYER_TAR = 'application/vnd.docker.image.rootfs.diff.tar';

export type ManifestKind = 'index' | 'manifest' | 'schema1' | 'unknown';

/**
 * What a manifest document is: from its media type, else the body's `mediaType`, else
 * by shape (`manifests` → index, `config` + `layers` → image, schemaVersion 1 → schema1).
 */
export function manifestKind(mediaType: string | null | undefined, body: Record<string, unknown>): ManifestKind {
	const type = (mediaType || (typeof body['mediaType'] === 'string' ? (body['mediaType'] as string) : '')).split(';')[0]!.trim();
	if (type === OCI_INDEX || type === DOCKER_MANIFEST_LIST) return 'index';
	if (type === OCI_MANIFEST || type === DOCKER_MANIFEST) return 'manifest';
	if (type === DOCKER_SCHEMA1 || type === DOCKER_SCHEMA1_SIGNED) return 'schema1';
	if (Array.isArray(body['manifests'])) return 'index';
	if (body['config'] && Array.isArray(body['layers'])) return 'manifest';
	if (body['schemaVersion'] === 1) return 'schema1';
	return 'unknown';
}

/** Layer media types peel can read (compression itself is detected from the bytes). */
export function layerProblem(mediaType: string): string | null {
	if (mediaType.includes('+encrypted')) return 'is encrypted: peel cannot read it';
	if (/^application\/vnd\.(oci\.image\.layer|docker\.image\.rootfs)/.test(mediaType)) return null;
	if (mediaType === '' || mediaType === 'application/octet-stream') return null;
	return `has media type ${mediaType}, which is not an image layer`;
}
