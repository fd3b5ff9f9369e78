/**
 * How deep arrays and objects nest in JSON text, counted without recursion and without
 * parsing: `[`/`{` outside strings go down, `]`/`}` come back up. Works on the UTF-8
 * bytes directly (these characters are single bytes that never occur inside a multi-byte
 * sequence); strings, most of any document, are skipped with indexOf at native speed.
 * Stops as soon as `limit` is passed.
 */
export function nestsDeeperThan(bytes: Buffer, limit: number): boolean {
	let depth = 0;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i]!;
		if (byte === 0x22) {
			i = closingQuote(bytes, i + 1);
			if (i === -1) return false; // unterminated: JSON.parse says so
		} else if (byte === 0x5b || byte === 0x7b) {
			if (++depth > limit) return true;
		} else if (byte === 0x5d || byte === 0x7d) {
			depth--;
		}
	}
	return false;
}

/** Index of the `"` that ends the string starting at `from`, or -1: a quote after an odd run of backslashes is escaped. */
function closingQuote(bytes: Buffer, from: number): number {
	for (let at = bytes.indexOf(0x22, from); at !== -1; at = bytes.indexOf(0x22, at + 1)) {
		let backslashes = 0;
		while (bytes[at - 1 - backslashes] === 0x5c) backslashes++;
		if (backslashes % 2 === 0) return at;
	}
	return -1;
}
