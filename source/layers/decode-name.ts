const utf8 = new TextDecoder('utf-8', {fatal: true});

/**
 * tar-stream is asked for raw bytes (latin1) so that non-UTF-8 names survive: decode
 * them as UTF-8 when they are valid, else keep each byte visible as \xNN. PAX names
 * are already UTF-8 by definition.
 */
export function decodeEntryName(raw: string, fromPax: boolean): string {
	if (fromPax || !/[\x80-\xff]/.test(raw)) return raw;
	const bytes = Buffer.from(raw, 'latin1');
	try {
		return utf8.decode(bytes);
	} catch {
		return raw.replace(/[\x80-\xff]/g, ch => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
	}
}
