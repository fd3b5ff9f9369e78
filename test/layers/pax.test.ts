import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {readLayer} from '../../source/layers/read-layer.js';
import {deepPaxPathTar, makeRawTar, paxHeaderRecord, paxRecord} from '../fixtures/tar.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();
const read = (bytes: Buffer) => readLayer(Readable.from([bytes]), {label: 'layer 1'});
const withPax = (records: string, name = 'f', data = 'data\n') => makeRawTar([paxHeaderRecord(name, records), {header: {name, typeflag: '0'}, data}]);

describe('PAX records', () => {
	it('uid and gid past the ustar fields, as GNU tar writes them', async () => {
		writeFileSync(path.join(dir, 'owned'), 'owned\n');
		const tar = execFileSync('tar', ['--format=posix', '--owner=someone:3000000000', '--group=them:3000000001', '-C', dir, '-cf', '-', 'owned']);
		const [entry] = (await read(tar)).entries;
		expect(entry).toMatchObject({path: 'owned', uid: 3_000_000_000, gid: 3_000_000_001});
	});

	it('path, linkpath, size, uid and gid override the header fields', async () => {
		const tar = makeRawTar([
			paxHeaderRecord('x', paxRecord('path', 'real/name') + paxRecord('uid', '4000000000') + paxRecord('gid', '7') + paxRecord('size', '3')),
			{header: {name: 'placeholder', typeflag: '0', uid: 1, gid: 1}, data: 'abc'},
			paxHeaderRecord('l', paxRecord('linkpath', `/${'t'.repeat(200)}`)),
			{header: {name: 'link', typeflag: '2', linkname: 'short'}},
		]);
		const {entries} = await read(tar);
		expect(entries[0]).toMatchObject({path: 'real/name', uid: 4_000_000_000, gid: 7, size: 3});
		expect(entries[1]).toMatchObject({path: 'link', linkTarget: `/${'t'.repeat(200)}`});
	});

	it('a record whose length lies, a size that is not a decimal integer and a negative size are corrupt entries', async () => {
		const good = paxRecord('path', 'named');
		const lies = [
			`99${good.slice(good.indexOf(' '))}`, // longer than the header
			`${good.slice(0, good.indexOf(' '))} path=named-and-more\n`, // ends elsewhere
			'x path=named\n', // no length at all
		];
		for (const records of lies) {
			await expect(read(withPax(records, 'ustar-name'))).rejects.toThrow(/^layer 1: entry "ustar-name": corrupt PAX header: record at byte 0 .*: the layer is corrupt/);
		}
		for (const size of ['12abc', '-5', '0x10', '1e3', '']) {
			await expect(read(withPax(paxRecord('size', size)))).rejects.toThrow(new RegExp(`^layer 1: entry "f": corrupt PAX header: size "${size}" is not a decimal integer`));
		}
		await expect(read(withPax(paxRecord('uid', 'root')))).rejects.toThrow(/^layer 1: entry "f": corrupt PAX header: uid "root" is not a decimal integer/);
	});

	it('a negative base-256 size in the header is a corrupt entry, not a crash', async () => {
		const tar = makeRawTar([{header: {name: 'neg', typeflag: '0', patch: h => {
			h.fill(0xff, 124, 136);
			h[135] = 0xfe; // -1 in base-256 two's complement
		}}}]);
		await expect(read(tar)).rejects.toThrow(/^layer 1: entry "neg" has a negative size: the layer is corrupt/);
	});

	it('a PAX header over 1 MiB is refused, as Go refuses it', async () => {
		const tar = withPax(paxRecord('comment', 'c'.repeat(1 << 20)));
		await expect(read(tar)).rejects.toThrow(/^layer 1: the pax-header record "PaxHeaders\/f" is 1048\d+ bytes; peel, like Go's archive\/tar, reads at most 1048576/);
	});
});

describe('entry limits', () => {
	it('a 65,535-component PAX path: one error naming the entry, at once', async () => {
		const started = performance.now();
		const error = await read(deepPaxPathTar(65_535)).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/^layer 1: entry "d\/d\/d\/.*…" has a path of 131074 bytes; peel reads at most 4096 \(Linux's PATH_MAX\)/);
		expect((error as Error).message.length).toBeLessThan(400);
		expect(performance.now() - started).toBeLessThan(5000);
	});

	it('paths up to 4096 bytes and 1024 components are read; past either, refused', async () => {
		const at = (p: string) => makeRawTar([paxHeaderRecord('p', paxRecord('path', p)), {header: {name: 'p', typeflag: '0'}, data: 'x'}]);
		const longest = `${'n'.repeat(4092)}/end`;
		expect((await read(at(longest))).entries.map(e => e.path)).toEqual([longest]);
		await expect(read(at(`${longest}s`))).rejects.toThrow(/has a path of 4097 bytes/);
		const deepest = `${'d/'.repeat(1023)}f`;
		expect((await read(at(deepest))).entries[0]!.path).toBe(deepest);
		await expect(read(at(`d/${deepest}`))).rejects.toThrow(/^layer 1: entry "d\/d.*" is more than 1024 directories deep/);
		// Multi-byte characters count as bytes.
		await expect(read(at('é'.repeat(2049)))).rejects.toThrow(/has a path of 4098 bytes/);
	});

	it('a link target past 4096 bytes is refused', async () => {
		const tar = makeRawTar([paxHeaderRecord('l', paxRecord('linkpath', 't'.repeat(5000))), {header: {name: 'l', typeflag: '2'}}]);
		await expect(read(tar)).rejects.toThrow(/^layer 1: entry "l" has a link target of 5000 bytes/);
	});
});
