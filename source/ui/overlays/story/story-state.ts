/** The story overlay's state. */
export interface StoryOverlay {
	kind: 'story';
}
