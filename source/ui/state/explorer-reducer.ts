import type {Command, Scope} from '../keymap/commands.js';
import type {KeyName} from '../keymap/keymap.js';
import {resolveCommand} from '../keymap/resolve-command.js';
import type {ExplorerData} from './explorer-data.js';
import type {ExplorerState, Viewport} from './explorer-state.js';
import {rebaseExplorerState} from './rebase-state.js';
import {acceptFilter, applyPendingFilter, cancelFilter, setFilterText} from './filter-commands.js';
import {layerScrollFor, moveLayer, setViewMode, toggleLayerOrder} from './layer-commands.js';
import {scrollToShow} from './list-cursor.js';
import {copyContent, copyPath} from './copy-commands.js';
import {openSelected, stillReading} from './viewer-open.js';
import {layerComplete} from './ready-layers.js';
import {nextEffectId} from './effects.js';
import {selectedNode} from './explorer-state.js';
import {acceptFind, cancelFind, findStep, openFind, setFindText} from './find-commands.js';
import {viewerCommand} from './viewer-reducer.js';
import {scrollHelp} from './help-scroll.js';
import {scrollCommands} from './text-scroll.js';
import type {PointerTarget} from '../pointer/hit-test.js';
import type {MouseEvent} from '../pointer/mouse-event.js';
import {pointerAction} from './pointer-commands.js';
import {openOverlay, overlayCommand, overlayText} from '../overlays/overlay-reducer.js';
import {windowFailed, windowLoaded} from '../viewer/viewer-commands.js';
import type {FileWindow} from '../viewer/read-window.js';
import {moveTree, toggleCollapse, toggleCollapseAll, toggleHidden, toggleSort, treeExpand, treeParent} from './tree-commands.js';

export type ExplorerAction =
	/** A keypress: its names (see keyNames) and the text it typed. */
	| {type: 'key'; names: KeyName[]; text: string}
	| {type: 'command'; command: Command}
	/** Text typed into the filter line. */
	| {type: 'filter-type'; text: string}
	/** Typing paused: apply the pending filter text (big trees only, see deferFilterAbove). */
	| {type: 'filter-apply'}
	| {type: 'viewport'; viewport: Viewport}
	/** The viewer's read `seq` came back. */
	| {type: 'viewer-loaded'; seq: number; window: FileWindow}
	| {type: 'viewer-failed'; seq: number; message: string}
	/** The mouse, over what the explorer drew there. */
	| {type: 'pointer'; event: MouseEvent; target: PointerTarget}
	/** An effect finished: its one-line report. */
	| {type: 'effect-done'; id: number; notice: string}
	/** Newer data of the same image: more layers stacked while it loads, or the load finished. */
	| {type: 'rebase'; data: ExplorerData};

/** Which keymap scopes are live, most specific first. */
export function activeScopes(state: ExplorerState): Scope[] {
	if (state.help) return ['help'];
	if (state.viewer) return state.viewer.search.editing ? ['viewer-search'] : ['viewer'];
	if (state.overlay) return [state.overlay.kind];
	if (state.filter.editing) return ['filter'];
	if (state.find.editing) return ['find'];
	if (state.extractPrompt !== null) return ['extract'];
	return [state.focus, 'global'];
}

/**
 * Key → state. Keys are resolved here, against the state they apply to, so keys that
 * arrive together are never read against a stale state.
 */
export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
	switch (action.type) {
		case 'key': {
			const command = resolveCommand(action.names, activeScopes(state));
			if (command) return runCommand(clearNotice(state), command);
			if (state.filter.editing && isPrintable(action.text)) return setFilterText(state, state.filter.text + action.text);
			if (state.extractPrompt !== null && isPrintable(action.text)) return {...state, extractPrompt: state.extractPrompt + action.text};
			if (state.find.editing && isPrintable(action.text)) return setFindText(state, state.find.text + action.text);
			if (state.viewer?.search.editing && isPrintable(action.text)) return viewerCommand(state, null, action.text);
			if (!state.viewer && state.overlay && isPrintable(action.text)) return overlayText(state, action.text);
			return state;
		}
		case 'command':
			return runCommand(state, action.command);
		case 'pointer':
			return pointerAction(clearNotice(state), action.event, action.target, (next, name) => explorerReducer(next, {type: 'key', names: [name], text: ''}));
		case 'filter-type':
			return setFilterText(state, state.filter.text + action.text);
		case 'filter-apply':
			return applyPendingFilter(state);
		case 'viewport':
			return resize(state, action.viewport);
		case 'viewer-loaded':
			return state.viewer ? {...state, viewer: windowLoaded(state.viewer, action.seq, action.window, viewerRows(state))} : state;
		case 'viewer-failed':
			// A diff that cannot be shown (binary, too big) closes into a one-line notice over where it was opened.
			if (state.viewer?.diff && state.viewer.request?.seq === action.seq) return {...state, viewer: null, notice: action.message};
			return state.viewer ? {...state, viewer: windowFailed(state.viewer, action.seq, action.message)} : state;
		case 'rebase':
			return action.data === state.data ? state : rebaseExplorerState(state, action.data);
		case 'effect-done':
			if (state.effect?.id !== action.id) return state;
			return state.viewer ? {...state, effect: null, viewer: {...state.viewer, note: action.notice}} : {...state, effect: null, notice: action.notice};
	}
}

/** Where `x` offers to extract to. */
export const DEFAULT_EXTRACT_DIR = './peel-extract/';

/** Lines the viewer shows. */
export function viewerRows(state: ExplorerState): number {
	return state.viewport.viewerRows ?? 20;
}

/** A notice lasts until the next key. */
function clearNotice(state: ExplorerState): ExplorerState {
	if (state.notice === null && state.viewer?.note == null) return state;
	return {...state, notice: null, viewer: state.viewer ? {...state.viewer, note: null} : null};
}

function runCommand(state: ExplorerState, command: Command): ExplorerState {
	if (state.help && scrollCommands.includes(command)) return scrollHelp(state, command);
	if (state.viewer && !state.help && command !== 'quit' && command !== 'toggle-help') return viewerCommand(state, command, '');
	if (state.overlay && !state.help && command !== 'quit' && command !== 'toggle-help') return overlayCommand(state, command);
	switch (command) {
		case 'quit':
			return {...state, quitting: true};
		case 'toggle-help':
			return {...state, help: !state.help, helpScroll: 0};
		case 'close-help':
			return {...state, help: false};
		case 'switch-pane':
			return {...state, focus: state.focus === 'layers' ? 'tree' : 'layers'};
		case 'open-filter':
			return {...state, find: {...state.find, editing: false}, filter: {...state.filter, editing: true}};
		case 'filter-accept':
			return acceptFilter(state);
		case 'filter-cancel':
			return cancelFilter(state);
		case 'filter-backspace':
			return setFilterText(state, state.filter.text.slice(0, -1));
		case 'view-aggregated':
			return setViewMode(state, 'aggregated');
		case 'view-layer':
			return setViewMode(state, 'layer');
		case 'move-up':
		case 'move-down':
		case 'page-up':
		case 'page-down':
		case 'move-first':
		case 'move-last':
			// While the filter line has the keyboard, ↑↓ move in the tree it narrows.
			return state.focus === 'layers' && !state.filter.editing ? moveLayer(state, command) : moveTree(state, command);
		case 'tree-parent':
			return treeParent(state);
		case 'tree-expand':
			return treeExpand(state);
		case 'toggle-collapse':
			return toggleCollapse(state);
		case 'toggle-collapse-all':
			return toggleCollapseAll(state);
		case 'hide-added':
			return toggleHidden(state, 'added');
		case 'hide-removed':
			return toggleHidden(state, 'removed');
		case 'hide-modified':
			return toggleHidden(state, 'modified');
		case 'hide-unmodified':
			return toggleHidden(state, 'unmodified');
		case 'toggle-attributes':
			return {...state, showAttributes: !state.showAttributes};
		case 'sort-layers':
			return toggleLayerOrder(state);
		case 'toggle-sort':
			return toggleSort(state);
		case 'open-selected':
			return openSelected(state, true);
		case 'open-viewer':
			return openSelected(state, false);
		case 'copy-path':
			return copyPath(state);
		case 'open-extract':
			if (selectedNode(state) <= 0) return state;
			if (!layerComplete(state.data, state.layer)) return {...state, notice: stillReading(state.layer)};
			return {...state, extractPrompt: DEFAULT_EXTRACT_DIR};
		case 'extract-cancel':
			return {...state, extractPrompt: null};
		case 'extract-backspace':
			return {...state, extractPrompt: (state.extractPrompt ?? '').slice(0, -1)};
		case 'extract-accept': {
			const dest = state.extractPrompt?.trim() ?? '';
			if (!dest) return state;
			return {...state, extractPrompt: null, notice: 'extracting…', effect: {kind: 'extract', id: nextEffectId(), node: selectedNode(state), layer: state.layer, dest}};
		}
		case 'open-find':
			return openFind(state);
		case 'find-accept':
			return acceptFind(state);
		case 'find-cancel':
			return cancelFind(state);
		case 'find-backspace':
			return setFindText(state, state.find.text.slice(0, -1));
		case 'find-next':
			return findStep(state, 1);
		case 'find-previous':
			return findStep(state, -1);
		case 'copy-content':
			return copyContent(state);
		default:
			return openOverlay(state, command) ?? state;
	}
}

function resize(state: ExplorerState, viewport: Viewport): ExplorerState {
	if (viewport.layerRows === state.viewport.layerRows && viewport.treeRows === state.viewport.treeRows && viewport.viewerRows === state.viewport.viewerRows && viewport.columns === state.viewport.columns) return state;
	const layerScroll = layerScrollFor(state, state.layer, viewport.layerRows);
	const scroll = scrollToShow(state.cursor, state.scroll, state.flat.rows.length, viewport.treeRows);
	return {...state, viewport, layerScroll, scroll};
}

function isPrintable(text: string): boolean {
	// Pasted text arrives in one piece; control characters never belong in a regex typed by hand.
	return text.length > 0 && !/[\u0000-\u001f\u007f]/.test(text);
}
