import type {KeyBinding} from '../../keymap/keymap.js';

/** Commands of the story overlay (and the one that opens it). */
export type StoryCommand = 'open-story';

export const storyBindings: KeyBinding[] = [];
