/** The explain overlay's state. */
export interface ExplainOverlay {
	kind: 'explain';
}
