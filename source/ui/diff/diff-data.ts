import type {ImageComparison} from '../../compare/types.js';
import type {AnalyzedImage} from '../../load/analyzed-image.js';
import {buildDiffTree, type DiffTree} from './diff-tree.js';

/** What the diff explorer shows, built once when both images are loaded. */
export interface DiffData {
	comparison: ImageComparison;
	old: AnalyzedImage;
	new: AnalyzedImage;
	/** The comparison's `files` as a tree: the very rows --json reports. */
	tree: DiffTree;
}

export function buildDiffData(comparison: ImageComparison, oldImage: AnalyzedImage, newImage: AnalyzedImage): DiffData {
	return {comparison, old: oldImage, new: newImage, tree: buildDiffTree(comparison.files)};
}
