import type {AnalyzedImage} from '../../load/analyzed-image.js';
import {buildLayerList, type LayerList} from '../layers/layer-list.js';
import type {PlatformChoices} from '../overlays/platforms/platform-choices.js';
import {buildTreeIndex, type TreeIndex} from '../tree/tree-index.js';
import {buildVersionTable, type VersionTable} from '../tree/version-table.js';

/** What the explorer derives once per image: never changes while it runs. */
export interface ExplorerData {
	image: AnalyzedImage;
	index: TreeIndex;
	versions: VersionTable;
	layerList: LayerList;
	layerCount: number;
	/** Set when the session can switch to another platform of the image's index. */
	platforms?: PlatformChoices;
}

export function buildExplorerData(image: AnalyzedImage): ExplorerData {
	const layerCount = image.model.layerCount;
	const index = buildTreeIndex(image.model.root);
	return {
		image,
		index,
		versions: buildVersionTable(index),
		layerList: buildLayerList(layerCount, image.history),
		layerCount,
	};
}
