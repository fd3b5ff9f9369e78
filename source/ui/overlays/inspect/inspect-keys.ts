import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the inspect overlay (and the one that opens it). */
export type InspectCommand = 'open-inspect';

export const inspectBindings: KeyBinding[] = [];
