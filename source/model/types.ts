import type {FileType} from '../layers/layer-entry.js';
import type {ChangeKind} from './change-kinds.js';

export type {ChangeKind, FileType};

/** Why a removal happened; shown to teach how whiteouts work. */
export type RemovalReason = 'whiteout' | 'opaque' | 'replaced' | 'parent-removed';

/** One state of a path, written by one layer. */
export interface FileVersion {
	layer: number;
	change: ChangeKind;
	/** null for a removal. */
	type: FileType | null;
	/** Content size as seen in the filesystem (a hardlink has its target's size). */
	size: number;
	/** Bytes this version occupies in its layer's tar (0 for dirs, links, removals). */
	stored: number;
	mode: number;
	uid: number;
	gid: number;
	/** Content hash of regular files (and of a hardlink's target). */
	hash: string | null;
	/** Symlink target as written; hardlink target as an absolute path. */
	linkTarget: string | null;
	/** For removals. */
	reason: RemovalReason | null;
	/** A directory the tar never listed, created because something was put inside it. */
	implicit: boolean;
	/** For hardlinks: the version of the target file whose bytes this link shares. */
	linkedVersion: FileVersion | null;
}

export interface PathNode {
	name: string;
	/** Absolute path: "/" for the root, "/etc/passwd" otherwise. */
	path: string;
	parent: PathNode | null;
	/** Children by name (directories only; null for leaves that never had children). */
	children: ReadonlyMap<string, PathNode> | null;
	/** Versions in layer order (at most one per layer). */
	versions: FileVersion[];
	/**
	 * Per layer that touched anything below this node: [layer, kind] pairs in layer order,
	 * the strongest change among its descendants in that layer. Drives directory marks.
	 */
	marks: Array<[number, ChangeKind]>;
	/** How many versions there are, without making `versions` (which a node may make when asked): optional. */
	versionCount?(): number;
	/** The last version of a layer ≤ `layer` (a removal included), without making `versions`: optional. */
	latestAt?(layer: number): FileVersion | null;
}

/** Per change kind, how many paths the layer changed that way. */
export interface LayerSummary extends Record<ChangeKind, number> {
	index: number;
	/** Σ tar header sizes (dive's layer size). */
	sizeBytes: number;
}

export interface ImageModel {
	root: PathNode;
	layerCount: number;
	/** Number of path nodes (root excluded). */
	nodeCount: number;
	layers: LayerSummary[];
	/** Findings worth telling the user (duplicate paths, whiteout + entry, escapes, …). */
	warnings: string[];
	/** File versions the same layer wrote and then replaced or removed (a duplicate path: last wins). */
	shadowed?: ShadowedVersion[];
}

/** A stored file version that never became visible: a later entry of its own layer took its place. */
export interface ShadowedVersion {
	node: PathNode;
	version: FileVersion;
	/** Removed (its parent was replaced by a non-directory in the same layer) rather than overwritten. */
	removed: boolean;
}

/** Which filesystem a view shows: the selected layer with its own changes, or all changes from layer 0 to it. */
export type ViewMode = 'layer' | 'aggregated';
