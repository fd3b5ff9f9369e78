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
	| 'toggle-sort';

/** Where a binding applies: the focused pane, everywhere, the filter line while typing, or the help overlay. */
export type Scope = 'global' | 'layers' | 'tree' | 'filter' | 'help';
