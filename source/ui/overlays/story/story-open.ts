import {resolvePath} from '../../../content/resolve-path.js';
import type {FileVersion} from '../../../model/types.js';
import {escapeText} from '../../../text/escape.js';
import type {ExplorerState} from '../../state/explorer-state.js';
import {openDiffViewerState, openViewerState} from '../../viewer/viewer-state.js';
import type {StoryOverlay} from './story-state.js';

/** `v`/Enter: the selected version in the viewer, above the panel (closing it comes back here); a symlink shows what it led to at that layer. */
export function viewVersion(state: ExplorerState, overlay: StoryOverlay): ExplorerState {
	const row = overlay.rows[overlay.cursor];
	if (!row) return state;
	const version = row.version;
	const shown = escapeText(overlay.path);
	const note = (text: string) => ({...state, notice: text});
	if (version.change === 'removed') return note(`layer ${row.layer} removed ${shown}: nothing to view (an earlier row has its bytes)`);
	if (version.type === 'dir') return note(`${shown} is a directory at layer ${row.layer}`);
	if (version.type === 'symlink') {
		const target = resolvePath(state.data.image.model.root, overlay.path, row.layer, true);
		if (!target.ok) return note(`${shown} is a symlink to ${escapeText(version.linkTarget ?? '')}, which leads nowhere at layer ${row.layer}`);
		if (target.version.type !== 'file' && target.version.type !== 'hardlink') return note(`${shown} leads to ${escapeText(target.node.path)}, which is no file`);
		return {...state, notice: null, viewer: openViewerState(target.node.path, target.version)};
	}
	if (version.type !== 'file' && version.type !== 'hardlink') return note(`${shown} is a ${version.type ?? 'removal'} at layer ${row.layer}: it has no bytes to view`);
	return {...state, notice: null, viewer: openViewerState(overlay.path, version)};
}

const hasBytes = (v: FileVersion) => v.change !== 'removed' && (v.type === 'file' || v.type === 'hardlink');

/** `d`: the unified diff of the marked version and the selected one, the lower layer as the old side. */
export function diffVersions(state: ExplorerState, overlay: StoryOverlay): ExplorerState {
	const note = (text: string) => ({...state, notice: text});
	if (overlay.mark === null) return note('mark a version with m first, then move to another and press d');
	const marked = overlay.rows[overlay.mark];
	const selected = overlay.rows[overlay.cursor];
	if (!marked || !selected) return state;
	if (marked === selected) return note(`layer ${selected.layer} is the marked version itself: move to another one`);
	for (const row of [marked, selected]) {
		if (!hasBytes(row.version)) return note(`layer ${row.layer}'s version is ${row.version.change === 'removed' ? 'a removal' : `a ${row.version.type}`}: only files have bytes to diff`);
	}
	const [old, next] = marked.layer < selected.layer ? [marked, selected] : [selected, marked];
	const hash = (v: FileVersion) => v.hash ?? v.linkedVersion?.hash ?? null;
	if (hash(old.version) !== null && hash(old.version) === hash(next.version)) return note(`layers ${old.layer} and ${next.layer} hold the same bytes (hash ${escapeText(hash(old.version)!.slice(0, 12))}): nothing to diff`);
	return {...state, notice: null, viewer: openDiffViewerState(overlay.path, old.version, next.version)};
}
