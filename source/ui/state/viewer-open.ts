import {resolvePath} from '../../content/resolve-path.js';
import {versionAt} from '../../model/query.js';
import {escapeText} from '../../text/escape.js';
import {openViewerState} from '../viewer/viewer-state.js';
import {selectedNode, type ExplorerState} from './explorer-state.js';
import {toggleCollapse} from './tree-commands.js';
import {layerComplete} from './ready-layers.js';

/** While layer 0 streams in, its files are listed but not readable yet. */
export function stillReading(layer: number): string {
	return `layer ${layer} is still being read: its files can be opened once it is`;
}

/**
 * `v` (and Enter on a file): the version of the selected path visible at the selected
 * layer, in the viewer; a symlink shows what it leads to inside the image. Enter on a
 * directory collapses or expands it.
 */
export function openSelected(state: ExplorerState, enter: boolean): ExplorerState {
	const node = selectedNode(state);
	if (node <= 0) return state;
	const {index, image} = state.data;
	if (enter && index.hasChildren[node] === 1) return toggleCollapse(state);
	const pathNode = index.nodes[node]!;
	const shown = escapeText(pathNode.path);
	const version = versionAt(pathNode, state.layer);
	if (!version) return {...state, notice: `${shown} is not in the filesystem at layer ${state.layer}: nothing to view`};
	if (version.type === 'dir') return {...state, notice: `${shown} is a directory`};
	if (version.type === 'symlink') {
		const target = resolvePath(image.model.root, pathNode.path, state.layer, true);
		if (!target.ok) return {...state, notice: `${shown} is a symlink to ${escapeText(version.linkTarget ?? '')}, which leads nowhere at layer ${state.layer}`};
		if (target.version.type !== 'file' && target.version.type !== 'hardlink') return {...state, notice: `${shown} leads to ${escapeText(target.node.path)}, which is no file`};
		if (!layerComplete(state.data, target.version.layer)) return {...state, notice: stillReading(target.version.layer)};
		return {...state, notice: null, viewer: openViewerState(target.node.path, target.version)};
	}
	if (version.type !== 'file' && version.type !== 'hardlink') return {...state, notice: `${shown} is a ${version.type}: it has no bytes to view`};
	if (!layerComplete(state.data, version.layer)) return {...state, notice: stillReading(version.layer)};
	return {...state, notice: null, viewer: openViewerState(pathNode.path, version)};
}
