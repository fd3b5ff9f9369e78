import type {FileType} from '../model/types.js';

/** One image's totals, for the two columns of a comparison. */
export interface ImageTotals {
	reference: string;
	digest: string | null;
	platform: string | null;
	/** Σ layer sizes (dive's image size). */
	sizeBytes: number;
	/** Σ stored (compressed) blob sizes. */
	compressedSizeBytes: number;
	layerCount: number;
	/** Paths of the final filesystem that are not directories. */
	fileCount: number;
	efficiencyScore: number | null;
	reclaimableBytes: number;
}

/** A distinct layer (by diff_id) of either image, and where each image has it. */
export interface LayerRow {
	diffId: string;
	oldIndex: number | null;
	newIndex: number | null;
	/** Σ tar header sizes (dive's layer size). */
	sizeBytes: number;
	oldBlobDigest: string | null;
	newBlobDigest: string | null;
	/** Both images store the very same blob: a pull of NEW finds it already there. */
	blobShared: boolean;
}

/** A path's state in one final filesystem. */
export interface FileState {
	type: FileType;
	size: number;
	mode: number;
	uid: number;
	gid: number;
	linkTarget: string | null;
}

export type FileChangeKind = 'added' | 'removed' | 'modified';

export interface FileDifference {
	path: string;
	change: FileChangeKind;
	/** Type, content or link target differ (false for added and removed paths). */
	contentChanged: boolean;
	/** Mode, uid or gid differ (false for added and removed paths). */
	metadataChanged: boolean;
	old: FileState | null;
	new: FileState | null;
}

export interface ConfigDifference {
	old: unknown;
	new: unknown;
}

export interface ImageComparison {
	old: ImageTotals;
	new: ImageTotals;
	sharedLayers: number;
	layers: LayerRow[];
	/** Compressed bytes of NEW's blobs whose digest OLD does not have (what a pull downloads). */
	pullBytes: number;
	/** NEW's layers whose blob OLD already has ("Already exists" on pull). */
	layersAlreadyPresent: number;
	/** Path order (name order, depth first). */
	files: FileDifference[];
	/** Config fields that differ, by name (e.g. "Env", "os"). */
	config: Record<string, ConfigDifference>;
}
