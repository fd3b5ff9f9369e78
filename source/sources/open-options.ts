import type {KeptBlobs} from '../cache/kept-blobs.js';
import type {Platform} from './image-handle.js';

export interface OpenOptions {
	/** The platform to pick from multi-platform indexes. */
	platform: Platform;
	/** Pick the index entry with this manifest digest instead (the explorer switching platform). */
	manifestDigest?: string;
	/** Which image of a multi-image archive or layout (tag or full name). */
	tag?: string;
	/** Registry hosts to reach over plain http (loopback hosts always are). */
	insecureRegistries: string[];
	/** Engine API URL overriding discovery (unix:///path, tcp://host:port). */
	engineHost?: string;
	signal?: AbortSignal;
	/** Where registry blobs are kept across runs (peel's cache); absent or null: only while peel runs. */
	keptBlobs?: KeptBlobs | null;
}
