import type {DiffCommand, DiffScope} from '../diff/diff-keys.js';
import type {OverlayCommand} from '../overlays/overlay-commands.js';
import type {OverlayKind} from '../overlays/overlay.js';

/** Everything a key can do. The keymap maps keys to these; the reducer and the app carry them out. */
export type Command =
	| 'quit'
	| 'toggle-help'
	| 'close-help'
	| 'switch-pane'
	| 'open-filter'
	| 'filter-accept'
	| 'filter-cancel'
	| 'filter-backspace'
	| 'move-up'
	| 'move-down'
	| 'page-up'
	| 'page-down'
	| 'move-first'
	| 'move-last'
	| 'view-aggregated'
	| 'view-layer'
	| 'tree-parent'
	| 'tree-expand'
	| 'toggle-collapse'
	| 'toggle-collapse-all'
	| 'hide-added'
	| 'hide-removed'
	| 'hide-modified'
	| 'hide-unmodified'
	| 'toggle-attributes'
	| 'toggle-sort'
	| 'open-selected'
	| 'open-viewer'
	| 'close-viewer'
	| 'toggle-wrap'
	| 'open-search'
	| 'search-accept'
	| 'search-cancel'
	| 'search-backspace'
	| 'search-next'
	| 'search-previous'
	| 'copy-path'
	| 'copy-content'
	| 'open-find'
	| 'find-accept'
	| 'find-cancel'
	| 'find-backspace'
	| 'find-next'
	| 'find-previous'
	| 'open-extract'
	| 'extract-accept'
	| 'extract-cancel'
	| 'extract-backspace'
	| OverlayCommand
	| DiffCommand;

/** Where a binding applies: the focused pane, everywhere, the filter line while typing, the help overlay, the file viewer or its search line, an overlay (by its kind). */
export type Scope = 'global' | 'layers' | 'tree' | 'filter' | 'help' | 'viewer' | 'viewer-search' | 'find' | 'extract' | OverlayKind | DiffScope;
