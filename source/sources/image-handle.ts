import type {Readable} from 'node:stream';

/** An OCI/Docker platform as found in an image index or config. */
export interface Platform {
	os: string;
	architecture: string;
	variant?: string;
	'os.version'?: string;
}

export interface Descriptor {
	mediaType: string;
	digest: string;
	size: number;
	urls?: string[];
	annotations?: Record<string, string>;
	platform?: Platform;
}

export interface HistoryEntry {
	created?: string;
	created_by?: string;
	author?: string;
	comment?: string;
	empty_layer?: boolean;
}

/** The image config blob (application/vnd.oci.image.config.v1+json), the parts peel reads. */
export interface ImageConfig {
	architecture?: string;
	os?: string;
	variant?: string;
	'os.version'?: string;
	created?: string;
	author?: string;
	config?: {
		Env?: string[];
		Cmd?: string[];
		Entrypoint?: string[];
		WorkingDir?: string;
		User?: string;
		Labels?: Record<string, string>;
		ExposedPorts?: Record<string, unknown>;
		Volumes?: Record<string, unknown>;
		StopSignal?: string;
		Healthcheck?: Record<string, unknown>;
		Shell?: string[];
		OnBuild?: string[];
		ArgsEscaped?: boolean;
	};
	rootfs?: {type: string; diff_ids: string[]};
	history?: HistoryEntry[];
}

/** One entry of the image index the image was chosen from. */
export interface IndexEntry {
	digest: string;
	mediaType: string;
	platform: Platform | null;
	/** An attestation manifest (vnd.docker.reference.type: attestation-manifest), not a platform. */
	attestation: boolean;
	/** Listed, but its blobs are not in the archive (Docker's containerd store saves the pulled platforms only). */
	missing?: boolean;
}

/** One layer of an image, as its source knows it. Bytes are opened lazily as a stream. */
export interface LayerHandle {
	index: number;
	/** Layer media type; Docker ≤ 24 archives say `application/vnd.docker.image.rootfs.diff.tar`. */
	mediaType: string;
	/** Digest of the stored blob, when the source knows it. */
	digest: string | null;
	/** Size in bytes of the stored blob, when known. */
	size: number | null;
	/** rootfs.diff_ids[index] from the config. */
	diffId: string | null;
	/** The raw blob bytes (possibly compressed). */
	open(): Promise<Readable>;
}

export type SourceKind = 'docker-archive' | 'oci-archive' | 'oci-layout' | 'registry' | 'docker' | 'podman';

/**
 * What every source yields: registry, engine, archive and layout differ only in how
 * they produce this.
 */
export interface ImageHandle {
	source: SourceKind;
	/** What the user named, normalized where the source can (e.g. docker.io/library/nginx:1.27). */
	reference: string;
	/** Digest of the image manifest (or of the index it was picked from, see indexDigest), when known. */
	digest: string | null;
	/** Digest of the multi-platform index the manifest was chosen from, if any. */
	indexDigest: string | null;
	platform: Platform | null;
	/** What the user typed, before normalization (`reference` is the normalized form); absent when the same. */
	typedReference?: string;
	/** Every entry of the index the manifest was chosen from (platforms and attestations), when there was one. */
	indexEntries?: IndexEntry[];
	/** Tags the source knows for this image (RepoTags, ref.name annotations). */
	tags: string[];
	/** The registry digests an engine recorded when it pulled the image (RepoDigests, NAME@sha256:…); absent elsewhere. */
	repoDigests?: string[];
	manifestMediaType: string | null;
	config: ImageConfig;
	configDigest: string | null;
	layers: LayerHandle[];
	/** Things the user should know that did not stop loading (e.g. history count mismatch). */
	warnings: string[];
	/**
	 * The local files the image was read from so far (an archive, a layout's index.json,
	 * oci-layout and blobs), so that no output replaces them. Absent for sources that read
	 * no user file (registry; an engine's spools are peel's own temp files).
	 */
	inputFiles?(): string[];
	/** Releases files, sockets and temp files. Safe to call twice. */
	close(): Promise<void>;
}
