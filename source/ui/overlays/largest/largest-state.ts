/** The largest overlay's state. */
export interface LargestOverlay {
	kind: 'largest';
}
