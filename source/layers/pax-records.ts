/**
 * PAX extended header records ("%d %s=%s\n", POSIX pax), read strictly: tar-stream's own
 * reader stops silently at a record whose length lies and keeps only the last of repeated
 * keys, which loses GNU sparse 0.0 maps. Like Go's archive/tar, a record that does not
 * parse is a corrupt header, not something to guess around.
 */

/** What a PAX header block says, plus what went wrong with it (null when nothing did). */
export interface PaxRecords {
	records: Record<string, string>;
	problem: string | null;
}

const utf8 = new TextDecoder('utf-8');
const SPARSE_OFFSET = 'GNU.sparse.offset';
const SPARSE_NUMBYTES = 'GNU.sparse.numbytes';
/** GNU sparse 0.0 lists its map as repeated offset/numbytes records; Go folds them into this one key. */
export const SPARSE_MAP = 'GNU.sparse.map';

/** Records whose values are decimal integers (POSIX; Go refuses anything else). */
const NUMERIC = ['size', 'uid', 'gid', 'GNU.sparse.size', 'GNU.sparse.realsize', 'GNU.sparse.numblocks'];

export function readPaxRecords(data: Uint8Array): PaxRecords {
	const records: Record<string, string> = Object.create(null);
	const sparse: string[] = [];
	let at = 0;
	const corrupt = (why: string): PaxRecords => ({records: clean(records), problem: `corrupt PAX header: ${why}`});
	while (at < data.length) {
		// Some writers pad the block with NULs: nothing follows them.
		if (data[at] === 0 && data.subarray(at).every(byte => byte === 0)) break;
		let space = at;
		while (space < data.length && space - at < 20 && data[space]! >= 0x30 && data[space]! <= 0x39) space++;
		if (space === at || data[space] !== 0x20) return corrupt(`record at byte ${at} does not start with a length`);
		const length = Number(utf8.decode(data.subarray(at, space)));
		const end = at + length;
		if (length <= space - at + 1 || end > data.length) return corrupt(`record at byte ${at} says it is ${length} bytes long, ${data.length - at} remain`);
		if (data[end - 1] !== 0x0a) return corrupt(`record at byte ${at} (${length} bytes) does not end where its length says`);
		const text = utf8.decode(data.subarray(space + 1, end - 1));
		const equals = text.indexOf('=');
		if (equals <= 0) return corrupt(`record at byte ${at} has no key`);
		const key = text.slice(0, equals);
		const value = text.slice(equals + 1);
		if (key === SPARSE_OFFSET || key === SPARSE_NUMBYTES) {
			// offset, numbytes, offset, numbytes, … in that order (Go: ErrHeader otherwise)
			if ((key === SPARSE_OFFSET) !== (sparse.length % 2 === 0)) return corrupt(`${key} out of order`);
			sparse.push(value);
		}
		records[key] = value;
		at = end;
	}
	if (sparse.length > 0) records[SPARSE_MAP] = sparse.join(',');
	for (const key of NUMERIC) {
		const value = records[key];
		if (value !== undefined && parseDecimal(value) === null) return corrupt(`${key} "${value.slice(0, 40)}" is not a decimal integer`);
	}
	return {records, problem: null};
}

/** A non-negative decimal integer that a double holds exactly, else null. */
export function parseDecimal(text: string): number | null {
	if (!/^[0-9]{1,16}$/.test(text)) return null;
	const value = Number(text);
	return Number.isSafeInteger(value) ? value : null;
}

/** Records that tar-stream would misapply once the header is known to be corrupt. */
function clean(records: Record<string, string>): Record<string, string> {
	delete records['size'];
	return records;
}
