export interface LayerProgress {
	index: number;
	/** Bytes of the stored blob read so far (downloaded, for a registry). */
	bytesRead: number;
	/** Blob size, when the source knows it. */
	totalBytes: number | null;
	/** Tar entries parsed so far. */
	entries: number;
	done: boolean;
	/** Taken from peel's analysis cache: nothing read or downloaded ("already exists"). */
	cached?: boolean;
	/** A registry layer read from the blob an earlier run pulled and kept: read from disk, not downloaded. */
	kept?: boolean;
}

export interface LoadProgress {
	phase: 'opening' | 'reading' | 'analyzing' | 'done';
	/** What is being loaded, for the title of the loading view. */
	reference: string;
	layers: LayerProgress[];
	/** Milliseconds since loading started. */
	elapsedMs: number;
}

export type ProgressListener = (progress: LoadProgress) => void;
