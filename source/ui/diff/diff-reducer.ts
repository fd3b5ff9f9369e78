import type {Command, Scope} from '../keymap/commands.js';
import type {KeyName} from '../keymap/keymap.js';
import {helpRows} from '../keymap/help-lines.js';
import {resolveCommand} from '../keymap/resolve-command.js';
import {diffHelpLines} from './diff-help-lines.js';
import {moveBy, moveDelta, scrollToShow} from '../state/list-cursor.js';
import type {FileWindow} from '../viewer/read-window.js';
import {windowFailed, windowLoaded} from '../viewer/viewer-commands.js';
import {cancelDiffFilter, diffFindStep, openDiffFind, setDiffFilterText, setDiffFindText} from './diff-find.js';
import {closedDiffFind, configLineCount, type DiffState, type DiffViewport} from './diff-state.js';
import {moveTreeCursor, toggleCollapse, toggleCollapseAll, toggleSort, treeExpand, treeParent} from './diff-tree-commands.js';
import {diffViewerCommand} from './diff-viewer-commands.js';
import {openDiffViewer} from './diff-viewer-open.js';
import {openUnified, scrollUnified, unifiedFailed, unifiedLoaded, type UnifiedLine} from './unified-view.js';

export type DiffAction =
	/** A keypress: its names (see keyNames) and the text it typed. */
	| {type: 'key'; names: KeyName[]; text: string}
	| {type: 'viewport'; viewport: DiffViewport}
	| {type: 'viewer-loaded'; seq: number; window: FileWindow}
	| {type: 'viewer-failed'; seq: number; message: string}
	| {type: 'unified-loaded'; seq: number; lines: UnifiedLine[]}
	| {type: 'unified-failed'; seq: number; message: string};

const paneScope = {layers: 'diff-layers', tree: 'diff-tree', config: 'diff-config'} as const;

/** Which keymap scopes are live, most specific first: the explorer's for the lines and the viewer, the diff's own for its panes. */
export function diffScopes(state: DiffState): Scope[] {
	if (state.help) return ['help'];
	if (state.viewer) return state.viewer.search.editing ? ['viewer-search'] : ['viewer'];
	if (state.unified) return ['diff-unified'];
	if (state.filter.editing) return ['filter'];
	if (state.find.editing) return ['find'];
	return [paneScope[state.focus], 'diff'];
}

/** Key → state, resolved against the state it applies to (keys that arrive together never see a stale one). */
export function diffReducer(state: DiffState, action: DiffAction): DiffState {
	switch (action.type) {
		case 'key': {
			const command = resolveCommand(action.names, diffScopes(state));
			const base = state.notice === null ? state : {...state, notice: null};
			if (command) return runCommand(base, command);
			if (!isPrintable(action.text)) return state;
			if (state.viewer?.search.editing) return diffViewerCommand(state, null, action.text);
			if (state.filter.editing) return setDiffFilterText(state, state.filter.text + action.text);
			if (state.find.editing) return setDiffFindText(state, state.find.text + action.text);
			return state;
		}
		case 'viewport':
			return resize(state, action.viewport);
		case 'viewer-loaded':
			return state.viewer ? {...state, viewer: windowLoaded(state.viewer, action.seq, action.window, state.viewport.viewerRows)} : state;
		case 'viewer-failed':
			return state.viewer ? {...state, viewer: windowFailed(state.viewer, action.seq, action.message)} : state;
		case 'unified-loaded':
			return state.unified ? {...state, unified: unifiedLoaded(state.unified, action.seq, action.lines)} : state;
		case 'unified-failed':
			return state.unified ? {...state, unified: unifiedFailed(state.unified, action.seq, action.message)} : state;
	}
}

function runCommand(state: DiffState, command: Command): DiffState {
	if (command === 'quit') return {...state, quitting: true};
	if (command === 'toggle-help') return {...state, help: !state.help, helpScroll: 0};
	if (state.help) return command === 'close-help' ? {...state, help: false} : scrollHelp(state, command);
	if (state.viewer) return diffViewerCommand(state, command, '');
	if (state.unified) return command === 'close-viewer' ? {...state, unified: null} : {...state, unified: scrollUnified(state.unified, command, state.viewport.viewerRows)};
	switch (command) {
		case 'switch-pane':
			return {...state, focus: state.focus === 'layers' ? 'tree' : state.focus === 'tree' ? 'config' : 'layers'};
		case 'move-up':
		case 'move-down':
		case 'page-up':
		case 'page-down':
		case 'move-first':
		case 'move-last':
			// While the filter line has the keyboard, ↑↓ move in the tree it narrows.
			if (state.focus === 'tree' || state.filter.editing) return moveTreeCursor(state, command);
			return state.focus === 'layers' ? moveLayers(state, command) : scrollConfig(state, command);
		case 'tree-parent':
			return treeParent(state);
		case 'tree-expand':
			return treeExpand(state);
		case 'toggle-collapse':
			return toggleCollapse(state);
		case 'toggle-collapse-all':
			return toggleCollapseAll(state);
		case 'toggle-sort':
			return toggleSort(state);
		case 'open-selected':
			return openDiffViewer(state, 'preferred', true);
		case 'open-viewer':
			return openDiffViewer(state, 'preferred', false);
		case 'diff-view-old':
			return openDiffViewer(state, 'old', false);
		case 'diff-unified':
			return openUnified(state);
		case 'open-filter':
			return {...state, focus: 'tree', find: {...state.find, editing: false}, filter: {...state.filter, editing: true}};
		case 'filter-accept':
			return {...state, focus: 'tree', filter: {...state.filter, editing: false}};
		case 'filter-cancel':
			return cancelDiffFilter(state);
		case 'filter-backspace':
			return setDiffFilterText(state, state.filter.text.slice(0, -1));
		case 'open-find':
			return openDiffFind(state);
		case 'find-accept':
			return {...state, find: {...state.find, editing: false}};
		case 'find-cancel':
			return {...state, find: closedDiffFind};
		case 'find-backspace':
			return setDiffFindText(state, state.find.text.slice(0, -1));
		case 'find-next':
			return diffFindStep(state, 1);
		case 'find-previous':
			return diffFindStep(state, -1);
		default:
			return state;
	}
}

function moveLayers(state: DiffState, command: Command): DiffState {
	const count = state.data.comparison.layers.length;
	const rows = state.viewport.layerRows;
	const position = moveBy({cursor: state.layerCursor, scroll: state.layerScroll}, moveDelta(command, rows, count, state.layerCursor), count, rows);
	return {...state, layerCursor: position.cursor, layerScroll: position.scroll};
}

function scrollConfig(state: DiffState, command: Command): DiffState {
	const count = configLineCount(state.data);
	const rows = state.viewport.configRows;
	const top = state.configScroll + moveDelta(command, rows, count, state.configScroll);
	return {...state, configScroll: Math.min(Math.max(top, 0), Math.max(count - rows, 0))};
}

function scrollHelp(state: DiffState, command: Command): DiffState {
	const count = helpRows(state.viewport.columns, diffHelpLines()).length;
	// The help's lines: the body less its title (the viewer's rows and one).
	const rows = state.viewport.viewerRows + 1;
	const top = state.helpScroll + moveDelta(command, rows, count, state.helpScroll);
	return {...state, helpScroll: Math.min(Math.max(top, 0), Math.max(count - rows, 0))};
}

function resize(state: DiffState, viewport: DiffViewport): DiffState {
	const v = state.viewport;
	if (viewport.columns === v.columns && viewport.layerRows === v.layerRows && viewport.treeRows === v.treeRows && viewport.configRows === v.configRows && viewport.viewerRows === v.viewerRows) return state;
	return {
		...state,
		viewport,
		layerScroll: scrollToShow(state.layerCursor, state.layerScroll, state.data.comparison.layers.length, viewport.layerRows),
		scroll: scrollToShow(state.cursor, state.scroll, state.flat.rows.length, viewport.treeRows),
		configScroll: Math.min(state.configScroll, Math.max(configLineCount(state.data) - viewport.configRows, 0)),
	};
}

function isPrintable(text: string): boolean {
	// Pasted text arrives in one piece; control characters never belong in a regex typed by hand.
	return text.length > 0 && !/[\u0000-\u001f\u007f]/.test(text);
}
