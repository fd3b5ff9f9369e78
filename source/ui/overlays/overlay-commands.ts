import type {ExplainCommand} from './explain/explain-keys.js';
import type {InspectCommand} from './inspect/inspect-keys.js';
import type {LargestCommand} from './largest/largest-keys.js';
import type {PlatformsCommand} from './platforms/platforms-keys.js';
import type {StoryCommand} from './story/story-keys.js';

/** Every overlay's own commands, part of the one Command type. */
export type OverlayCommand = LargestCommand | StoryCommand | InspectCommand | PlatformsCommand | ExplainCommand;
