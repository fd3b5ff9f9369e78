import {resolvePath} from '../../content/resolve-path.js';
import type {AnalyzedImage} from '../../load/analyzed-image.js';
import type {FileVersion} from '../../model/types.js';
import {escapeText} from '../../text/escape.js';
import {openViewerState} from '../viewer/viewer-state.js';
import {selectedDiffNode, type DiffState} from './diff-state.js';
import {toggleCollapse} from './diff-tree-commands.js';

export type Side = 'old' | 'new';

/** A file's bytes in one image's final filesystem: the version to read, or why there is none. */
export function fileOnSide(image: AnalyzedImage, path: string, label: string): {ok: true; path: string; version: FileVersion} | {ok: false; why: string} {
	const shown = escapeText(path);
	const last = image.model.layerCount - 1;
	const found = resolvePath(image.model.root, path, last, false);
	if (!found.ok) return {ok: false, why: `${shown} is not in ${label}`};
	const {version} = found;
	if (version.type === 'dir') return {ok: false, why: `${shown} is a directory in ${label}`};
	if (version.type === 'symlink') {
		// What the link leads to inside that image, as the explorer's viewer does.
		const target = resolvePath(image.model.root, path, last, true);
		if (!target.ok) return {ok: false, why: `${shown} is a symlink to ${escapeText(version.linkTarget ?? '')} in ${label}, which leads nowhere`};
		if (target.version.type !== 'file' && target.version.type !== 'hardlink') return {ok: false, why: `${shown} leads to ${escapeText(target.node.path)} in ${label}, which is no file`};
		return {ok: true, path: target.node.path, version: target.version};
	}
	if (version.type !== 'file' && version.type !== 'hardlink') return {ok: false, why: `${shown} is a ${version.type} in ${label}: it has no bytes to view`};
	return {ok: true, path, version};
}

/**
 * `v` and Enter (NEW, or OLD for a removed path; Enter on a directory collapses it), `V` (OLD):
 * the selected path's file in that image, in the explorer's viewer.
 */
export function openDiffViewer(state: DiffState, side: Side | 'preferred', enter: boolean): DiffState {
	const node = selectedDiffNode(state);
	if (node <= 0) return state;
	const {tree} = state.data;
	if (enter && tree.hasChildren[node] === 1) return toggleCollapse(state);
	const diff = tree.diff[node];
	const chosen: Side = side === 'preferred' ? (diff?.change === 'removed' ? 'old' : 'new') : side;
	const file = fileOnSide(chosen === 'old' ? state.data.old : state.data.new, tree.paths[node]!, chosen === 'old' ? 'OLD' : 'NEW');
	if (!file.ok) return {...state, notice: file.why};
	return {...state, notice: null, viewerSide: chosen, viewer: openViewerState(file.path, file.version)};
}
