import {escapeText} from '../text/escape.js';

/** Manifest and config media types (OCI image-spec, Docker distribution). */
export const MEDIA_TYPES = {
	ociIndex: 'application/vnd.oci.image.index.v1+json',
	ociManifest: 'application/vnd.oci.image.manifest.v1+json',
	dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
	dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
	dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
	dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
	ociConfig: 'application/vnd.oci.image.config.v1+json',
	dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

export const DOCKER_LAYER_TAR = 'application/vnd.docker.image.rootfs.diff.tar';

/** What peel accepts for /v2/NAME/manifests/REF, best first. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');

export const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]);
export const IMAGE_MANIFEST_TYPES = new Set<string>([MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]);
export const SCHEMA1_TYPES = new Set<string>([MEDIA_TYPES.dockerSchema1, MEDIA_TYPES.dockerSchema1Signed]);
export const IMAGE_CONFIG_TYPES = new Set<string>([MEDIA_TYPES.ociConfig, MEDIA_TYPES.dockerConfig]);

export type ManifestKind = 'index' | 'manifest' | 'schema1' | 'unknown';

/**
 * What a manifest document is: from its media type, else the body's `mediaType`, else
 * by shape (`manifests` → index, `config` + `layers` → image, schemaVersion 1 → schema1).
 */
export function manifestKind(mediaType: string | null | undefined, body: Record<string, unknown>): ManifestKind {
	const kindOf = (type: string): ManifestKind | null =>
		INDEX_TYPES.has(type) ? 'index' : IMAGE_MANIFEST_TYPES.has(type) ? 'manifest' : SCHEMA1_TYPES.has(type) ? 'schema1' : null;
	const declared = kindOf((mediaType ?? '').split(';')[0]!.trim().toLowerCase()) ?? kindOf(typeof body['mediaType'] === 'string' ? (body['mediaType'] as string) : '');
	if (declared) return declared;
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
	return `has media type ${escapeText(mediaType, 100)}, which is not an image layer`;
}
