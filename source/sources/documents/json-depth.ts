/**
 * How deep arrays and objects nest in JSON text, counted without recursion and without
 * parsing: `[`/`{` outside strings go down, `]`/`}` come back up. Works on the UTF-8
 * bytes directly (these characters are single bytes that never occur inside a multi-byte
 * sequence). Stops counting as soon as `limit` is passed.
 */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i]!;
		if (inString) {
			if (byte === 0x5c) i++; // a backslash: the next byte is escaped
			else if (byte === 0x22) inString = false;
		} else if (byte === 0x22) {
			inString = true;
		} else if (byte === 0x5b || byte === 0x7b) {
			if (++depth > limit) return true;
		} else if (byte === 0x5d || byte === 0x7d) {
			depth--;
		}
	}
	return false;
}
