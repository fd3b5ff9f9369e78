import type {IndexEntry} from '../../../sources/image-handle.js';

/**
 * What the platforms overlay offers, from the session that can load another platform:
 * the index's entries, the one shown, the ones already loaded (switching to those is
 * instant) and a way to ask for one.
 */
export interface PlatformChoices {
	entries: IndexEntry[];
	/** Manifest digest of the image shown. */
	chosen: string | null;
	/** Loaded images by manifest digest: their size in bytes (layer tars). */
	loaded: ReadonlyMap<string, number>;
	/** A line to show when the explorer opens (a switch that failed). */
	notice: string | null;
	/** Shows the image of that index entry: at once when loaded, else after loading it. */
	switchTo(digest: string): void;
}
