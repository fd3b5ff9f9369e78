/** The inspect overlay's state. */
export interface InspectOverlay {
	kind: 'inspect';
}
