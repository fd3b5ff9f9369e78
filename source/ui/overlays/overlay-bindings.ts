import type {KeyBinding} from '../keymap/keymap.js';
import {explainBindings} from './explain/explain-keys.js';
import {inspectBindings} from './inspect/inspect-keys.js';
import {largestBindings} from './largest/largest-keys.js';
import {platformsBindings} from './platforms/platforms-keys.js';
import {storyBindings} from './story/story-keys.js';

/** The overlays' part of the keymap, in help order. */
export function overlayBindings(): KeyBinding[] {
	return [...largestBindings, ...storyBindings, ...inspectBindings, ...platformsBindings, ...explainBindings];
}
