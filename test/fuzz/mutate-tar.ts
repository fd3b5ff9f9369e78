import {BLOCK, padBlock, sealChecksum} from '../fixtures/raw-tar.js';
import {CONTROL_STRINGS} from './hostile.js';
import type {Prng} from './prng.js';

interface HeaderAt {
	offset: number;
	size: number;
}

/** Where each header is, walking sizes as a reader would (stops at the end blocks or garbage). */
export function headers(tar: Buffer): HeaderAt[] {
	const out: HeaderAt[] = [];
	for (let offset = 0; offset + BLOCK <= tar.length && out.length < 100_000; ) {
		const block = tar.subarray(offset, offset + BLOCK);
		if (block.every(b => b === 0)) break;
		const size = parseInt(block.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
		if (!Number.isFinite(size) || size < 0) break;
		out.push({offset, size});
		offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
	}
	return out;
}

function setField(header: Buffer, offset: number, width: number, value: string | Buffer): void {
	header.fill(0, offset, offset + width);
	(typeof value === 'string' ? Buffer.from(value, 'latin1') : value).copy(header, offset, 0, width);
}

/** A PAX record: "LEN key=value\n" where LEN counts itself; `lie` shifts the declared length. */
export function paxRecord(key: string, value: string, lie = 0): string {
	const body = ` ${key}=${value}\n`;
	let length = body.length + 1;
	while (String(length).length + body.length !== length) length++;
	return `${length + lie}${body}`;
}

/** A PAX extended header ('x', or 'g' global) with its records, ready to insert before an entry. */
export function paxBlock(records: string, typeflag: 'x' | 'g' = 'x'): Buffer {
	const header = Buffer.alloc(BLOCK);
	setField(header, 0, 100, 'PaxHeaders/fuzz');
	setField(header, 100, 8, '0000644');
	setField(header, 108, 8, '0000000');
	setField(header, 116, 8, '0000000');
	setField(header, 124, 12, Buffer.byteLength(records).toString(8).padStart(11, '0'));
	setField(header, 136, 12, '14540000000');
	header.write(typeflag, 156, 'latin1');
	header.write('ustar\u000000', 257, 'latin1');
	return Buffer.concat([sealChecksum(header), padBlock(Buffer.from(records, 'utf8'))]);
}

function paxRecords(prng: Prng): {records: string; what: string} {
	const kind = prng.pick(['path-controls', 'path-deep', 'linkpath', 'size', 'length-lie', 'xattr', 'sparse', 'mtime', 'uid']);
	switch (kind) {
		case 'path-controls':
			return {records: paxRecord('path', `etc/${prng.pick(CONTROL_STRINGS)}`), what: 'PAX path with control characters'};
		case 'path-deep': {
			const n = prng.pick([1000, 32_768, 65_535]);
			return {records: paxRecord('path', `${'a/'.repeat(n)}f`), what: `PAX path of ${n} components`};
		}
		case 'linkpath':
			return {records: paxRecord('linkpath', prng.pick(['../../../../etc/shadow', '/etc/passwd', '', '..'])), what: 'PAX linkpath escaping'};
		case 'size': {
			const value = prng.pick(['-1', '0x10', '1e3', 'abc', '99999999999999999999', '9007199254740993', '', ' 12']);
			return {records: paxRecord('size', value), what: `PAX size ${JSON.stringify(value)}`};
		}
		case 'length-lie': {
			const lie = prng.pick([-5, -1, 1, 50, 100_000]);
			return {records: paxRecord('path', 'etc/lie', lie) + paxRecord('uid', '0'), what: `PAX record length off by ${lie}`};
		}
		case 'xattr':
			return {records: paxRecord('SCHILY.xattr.security.capability', 'x'.repeat(prng.pick([10, 70_000]))), what: 'PAX xattr'};
		case 'sparse':
			return {records: paxRecord('GNU.sparse.major', '1') + paxRecord('GNU.sparse.minor', '0') + paxRecord('GNU.sparse.realsize', '99999999999'), what: 'PAX GNU sparse'};
		case 'mtime':
			return {records: paxRecord('mtime', prng.pick(['-1e300', 'NaN', '1.5.5', '99999999999999999999.1'])), what: 'PAX mtime garbage'};
		default:
			return {records: paxRecord('uid', prng.pick(['-1', '4294967296', '1e20', 'x'])), what: 'PAX uid garbage'};
	}
}

/**
 * One tar-aware change to a layer's tar: a header field (size, typeflag, name, linkname, mode,
 * checksum), a PAX header inserted before an entry, data bytes, truncation or a garbage block.
 * The checksum is recomputed (unless that is the mutation) so the parser gets past it.
 */
export function mutateTar(prng: Prng, tar: Buffer): {bytes: Buffer; what: string} {
	const all = headers(tar);
	if (all.length === 0) return {bytes: Buffer.concat([tar, prng.bytes(BLOCK)]), what: 'garbage block appended'};
	const {offset, size} = prng.pick(all);
	const out = Buffer.from(tar);
	const header = out.subarray(offset, offset + BLOCK);
	let reseal = true;
	let what: string;
	const op = prng.weighted([
		[3, 'size'], [2, 'typeflag'], [2, 'name'], [2, 'linkname'], [1, 'numbers'], [1, 'checksum'], [4, 'pax'], [2, 'data'],
		[1, 'truncate'], [1, 'garbage'], [1, 'longname'],
	] as const);
	switch (op) {
		case 'size': {
			const value = prng.pick(['77777777777', 'zzzz', '-1', '0', String((size + 1).toString(8)), String(Math.max(size - 1, 0).toString(8)), 'base256', 'base256-negative']);
			if (value === 'base256') setField(header, 124, 12, Buffer.from([0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
			else if (value === 'base256-negative') setField(header, 124, 12, Buffer.alloc(12, 0xff));
			else setField(header, 124, 12, value);
			what = `header size ${value}`;
			break;
		}
		case 'typeflag': {
			const flag = prng.pick(['0', '1', '2', '3', '4', '5', '6', '7', 'g', 'x', 'L', 'K', 'S', 'V', 'D', 'M', '\u0000', '\u00ff', 'Z']);
			header.write(flag, 156, 'latin1');
			what = `typeflag ${JSON.stringify(flag)}`;
			break;
		}
		case 'name': {
			const name = prng.pick([...CONTROL_STRINGS.map(s => `etc/${s}`), '../../escape', '/abs/path', '.', '..', '', 'a/../../b', '.wh..wh..opq', '.wh.', 'x/.wh.']);
			setField(header, 0, 100, name);
			setField(header, 345, 155, '');
			what = `name ${JSON.stringify(name)}`;
			break;
		}
		case 'linkname': {
			const link = prng.pick(['../../../../etc/passwd', '/etc/shadow', '', 'missing/target', '.', header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '')]);
			header.write(prng.pick(['1', '2']), 156, 'latin1');
			setField(header, 157, 100, link);
			what = `link to ${JSON.stringify(link)}`;
			break;
		}
		case 'numbers': {
			const field = prng.pick([[100, 8, 'mode'], [108, 8, 'uid'], [116, 8, 'gid'], [136, 12, 'mtime'], [329, 8, 'devmajor']] as const);
			setField(header, field[0], field[1], prng.pick(['9999999', '-1', 'zz', '\u00ff\u00ff\u00ff']));
			what = `${field[2]} garbage`;
			break;
		}
		case 'checksum':
			header[148 + prng.int(6)] ^= 1 + prng.int(7);
			reseal = false;
			what = 'checksum broken';
			break;
		case 'pax': {
			const {records, what: which} = paxRecords(prng);
			if (reseal) sealChecksum(header);
			return {bytes: Buffer.concat([out.subarray(0, offset), paxBlock(records, prng.chance(0.1) ? 'g' : 'x'), out.subarray(offset)]), what: which};
		}
		case 'data': {
			const start = offset + BLOCK;
			for (let i = 0, n = 1 + prng.int(8); i < n && size > 0; i++) out[start + prng.int(size)] ^= 1 + prng.int(255);
			what = 'data bytes flipped';
			break;
		}
		case 'truncate': {
			const cut = prng.int(out.length);
			return {bytes: out.subarray(0, cut), what: `tar cut at ${cut}`};
		}
		case 'garbage':
			return {bytes: Buffer.concat([out.subarray(0, offset), prng.bytes(BLOCK), out.subarray(offset)]), what: 'garbage block inserted'};
		default: {
			// GNU long name ('L') before the entry, holding control characters and a huge length
			const name = `${'n'.repeat(prng.pick([10, 5000]))}${prng.pick(CONTROL_STRINGS)}`;
			const gnu = Buffer.alloc(BLOCK);
			setField(gnu, 0, 100, '././@LongLink');
			setField(gnu, 100, 8, '0000644');
			setField(gnu, 124, 12, (Buffer.byteLength(name) + 1).toString(8).padStart(11, '0'));
			gnu.write('L', 156, 'latin1');
			gnu.write('ustar  \u0000', 257, 'latin1');
			return {bytes: Buffer.concat([out.subarray(0, offset), sealChecksum(gnu), padBlock(Buffer.from(`${name}\0`)), out.subarray(offset)]), what: 'GNU long name with control characters'};
		}
	}
	if (reseal) sealChecksum(header);
	return {bytes: out, what};
}
