import type {ExplainOverlay} from './explain/explain-state.js';
import type {InspectOverlay} from './inspect/inspect-state.js';
import type {LargestOverlay} from './largest/largest-state.js';
import type {PlatformsOverlay} from './platforms/platforms-state.js';
import type {StoryOverlay} from './story/story-state.js';

/** The panel open over the explorer, if any; `kind` is also its keymap scope. */
export type Overlay = LargestOverlay | StoryOverlay | InspectOverlay | PlatformsOverlay | ExplainOverlay;

export type OverlayKind = Overlay['kind'];
