import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the largest overlay (and the one that opens it). */
export type LargestCommand = 'open-largest';

export const largestBindings: KeyBinding[] = [];
