import {compareImages} from '../../compare/compare.js';
import type {AnalyzedImage} from '../../load/analyzed-image.js';
import type {ProgressListener} from '../../load/progress.js';
import type {ImageHandle} from '../../sources/image-handle.js';
import {runTui, type TuiScreen} from '../run-tui.js';
import {DiffApp} from './diff-app.js';
import {buildDiffData, type DiffData} from './diff-data.js';

type Pair = [AnalyzedImage, AnalyzedImage];

/** The comparison is computed once, as --json computes it, and the tree built from its `files`. */
const diffScreen: TuiScreen<Pair, DiffData> = {
	prepare: ([oldImage, newImage]) => buildDiffData(compareImages(oldImage, newImage), oldImage, newImage),
	App: DiffApp,
};

/**
 * `peel diff OLD NEW` on a terminal: both images open and load under the loading view,
 * then the diff explorer. The handles stay open while it runs (the viewer reads file
 * bytes from their layers) and are closed on every way out.
 */
export async function runDiffTui(
	open: (signal: AbortSignal) => Promise<[ImageHandle, ImageHandle]>,
	load: (handles: [ImageHandle, ImageHandle], onProgress: ProgressListener, signal: AbortSignal) => Promise<Pair>,
): Promise<void> {
	let handles: [ImageHandle, ImageHandle] | null = null;
	try {
		await runTui(
			async (onProgress, signal) => {
				handles = await open(signal);
				return load(handles, onProgress, signal);
			},
			{},
			diffScreen,
		);
	} finally {
		await Promise.all((handles as [ImageHandle, ImageHandle] | null)?.map(handle => handle.close()) ?? []);
	}
}
