/** The inspect overlay's state: where its text is scrolled to (its lines derive from the image and the width). */
export interface InspectOverlay {
	kind: 'inspect';
	/** First line shown. */
	scroll: number;
}
