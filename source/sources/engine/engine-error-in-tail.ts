/**
 * An engine that fails after it started streaming can only append its error to the body
 * (moby writes `{"errorDetail":{"message":…},"error":…}`). Finds that message in the
 * stream's last bytes, if it is there.
 */
export function engineErrorInTail(tail: Buffer): string | null {
	const text = tail.toString('latin1');
	for (const marker of ['{"errorDetail"', '{"error"', '{"message"']) {
		const start = text.lastIndexOf(marker);
		if (start === -1) continue;
		const candidate = Buffer.from(text.slice(start), 'latin1').toString('utf8').replace(/[\0\s]+$/, '');
		try {
			const parsed = JSON.parse(candidate) as {errorDetail?: {message?: unknown}; error?: unknown; message?: unknown};
			const message = parsed.errorDetail?.message ?? parsed.error ?? parsed.message;
			if (typeof message === 'string' && message.trim()) return message.replace(/\s+/g, ' ').trim();
		} catch {
			// Not the engine's error after all; try the next marker.
		}
	}
	return null;
}
