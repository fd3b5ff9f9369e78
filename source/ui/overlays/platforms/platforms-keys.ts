import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the platforms overlay (and the one that opens it). */
export type PlatformsCommand = 'open-platforms';

export const platformsBindings: KeyBinding[] = [];
