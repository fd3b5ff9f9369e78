/** How much of a file's start decides text or binary (as git and less look at the head). */
export const SNIFF_BYTES = 8192;

const utf8 = new TextDecoder('utf-8', {fatal: true});

/**
 * True when a file's first bytes are not text: a NUL byte, or invalid UTF-8. `head` is
 * the first SNIFF_BYTES of the file (fewer when the file is shorter, then `whole`): a
 * multi-byte character cut at its end is not held against it. Pure.
 */
export function looksBinary(head: Buffer, whole: boolean): boolean {
	if (head.includes(0)) return true;
	// A cut character is at most 3 bytes of a 4-byte sequence.
	for (let cut = 0; cut <= (whole ? 0 : 3) && cut <= head.length; cut++) {
		try {
			utf8.decode(head.subarray(0, head.length - cut));
			return false;
		} catch {
			// Try one byte shorter.
		}
	}
	return true;
}
