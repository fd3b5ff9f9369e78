/** One line of the platforms overlay: an index entry. */
export interface PlatformRow {
	digest: string;
	/** `linux/arm64`, normalized as every source prints it (unescaped: the view escapes it). */
	text: string;
	/** An attestation manifest (provenance, SBOM): listed, but not a platform. */
	attestation: boolean;
	/** Listed in the index, but not in the archive: it cannot be shown. */
	missing: boolean;
	/** The image shown. */
	chosen: boolean;
	/** Loaded already (switching to it is instant); its size then, else null. */
	sizeBytes: number | null;
}

/** The platforms overlay's state. */
export interface PlatformsOverlay {
	kind: 'platforms';
	rows: PlatformRow[];
	cursor: number;
}
