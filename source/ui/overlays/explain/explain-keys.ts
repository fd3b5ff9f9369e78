import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the explain overlay (and the one that opens it). */
export type ExplainCommand = 'open-explain';

export const explainBindings: KeyBinding[] = [];
