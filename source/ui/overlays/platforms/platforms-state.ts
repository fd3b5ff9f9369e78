/** The platforms overlay's state. */
export interface PlatformsOverlay {
	kind: 'platforms';
}
