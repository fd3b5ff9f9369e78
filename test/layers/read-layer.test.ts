import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {readLayer} from '../../source/layers/read-layer.js';
import {contentHash} from '../../source/layers/decode-layer.js';
import {estargz, gzip, gzipMultiMember, zstd, zstdWithSkippableFrames} from '../fixtures/compress.js';
import {
	BASE256_GID,
	BASE256_UID,
	base256Tar,
	emptyTar,
	GNU_LONG_LINK,
	GNU_LONG_NAME,
	gnuLongNamesTar,
	gnuSparseTar,
	makeTar,
	nonUtf8NameTar,
	truncatedTar,
	unknownTypeTar,
	v7Tar,
} from '../fixtures/tar.js';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const read = (bytes: Buffer, extra = {}) => readLayer(Readable.from([bytes]), {label: 'layer 1', ...extra});
const paths = async (bytes: Buffer) => (await read(bytes)).entries.map(e => `${e.kind}:${e.path}`);

const sample = () =>
	makeTar([
		{name: './', type: 'directory'},
		{name: './etc/', type: 'directory'},
		{name: '/etc/hosts', content: '127.0.0.1 localhost\n'},
		{name: 'usr/bin/.wh.gone', content: ''},
		{name: 'var/.wh..wh..opq', content: ''},
		{name: 'bin', type: 'symlink', linkname: 'usr/bin'},
		{name: './etc/hosts.bak', type: 'link', linkname: './etc/hosts'},
		{name: 'usr/bin/ping', content: 'ping', pax: {'SCHILY.xattr.security.capability': '\u0001\u0000\u0000\u0002'}},
	]);

describe('readLayer', () => {
	it('normalizes names and classifies whiteouts, opaque markers and links', async () => {
		const result = await read(await sample());
		expect(result.entries.map(e => `${e.kind}:${e.path}:${e.linkTarget ?? ''}`)).toEqual([
			'dir:etc:',
			'file:etc/hosts:',
			'whiteout:usr/bin/.wh.gone:',
			'opaque:var/.wh..wh..opq:',
			'symlink:bin:usr/bin',
			'hardlink:etc/hosts.bak:etc/hosts',
			'file:usr/bin/ping:',
		]);
		expect(result.entries[1]).toMatchObject({size: 20, typeFlag: 48, hash: contentHash(createHash('sha256').update('127.0.0.1 localhost\n').digest('base64url'))});
	});

	it('sniffs gzip, multi-member gzip, zstd and zstd with skippable frames, and verifies both digests', async () => {
		const tar = await sample();
		for (const blob of [tar, gzip(tar), gzipMultiMember(tar, 3), zstd(tar), zstdWithSkippableFrames(tar)]) {
			const result = await read(blob, {expectedDigest: sha256(blob), expectedDiffId: sha256(tar), expectedSize: blob.length});
			expect(result.entries).toHaveLength(7);
			expect(result.diffId).toBe(sha256(tar));
			expect(result.uncompressedSize).toBe(tar.length);
		}
		expect((await read(gzip(tar))).compression).toBe('gzip');
		expect((await read(zstd(tar))).compression).toBe('zstd');
	});

	it('names the layer on a diff_id or digest mismatch', async () => {
		const tar = await sample();
		await expect(read(gzip(tar), {expectedDiffId: sha256(Buffer.from('other'))})).rejects.toThrow(/^layer 1: diff_id mismatch/);
		await expect(read(tar, {expectedDigest: sha256(Buffer.from('other'))})).rejects.toThrow(/^layer 1: blob digest mismatch/);
	});

	it('reads eStargz layers and says what they are', async () => {
		const layer = await estargz([{name: 'a.txt', content: 'a'}, {name: 'b.txt', content: 'b'}]);
		const result = await read(layer.blob, {expectedDiffId: sha256(layer.tar)});
		expect(result.entries.map(e => e.path)).toContain('a.txt');
		expect(result.warnings.join()).toMatch(/eStargz/);
	});

	it('reads v7, GNU long names and base-256 numbers', async () => {
		expect(await paths(v7Tar())).toEqual(['dir:etc', 'file:etc/motd', 'file:etc/issue']);
		const long = await read(gnuLongNamesTar());
		expect(long.entries.map(e => e.path)).toContain(GNU_LONG_NAME);
		expect(long.entries.find(e => e.kind === 'symlink')?.linkTarget).toBe(GNU_LONG_LINK);
		const big = await read(base256Tar());
		expect(big.entries.some(e => e.uid === BASE256_UID && e.gid === BASE256_GID)).toBe(true);
	});

	it('skips unknown entry types with a warning and stays in sync', async () => {
		const result = await read(unknownTypeTar());
		expect(result.entries.map(e => e.path)).toEqual(['before', 'after']);
		expect(result.warnings.join()).toMatch(/skipped "mystery"/);
	});

	it('reads old-GNU sparse files with or without extension blocks (see sparse.test.ts)', async () => {
		for (const regions of [3, 6]) expect(await paths(gnuSparseTar(regions))).toEqual(['file:sparse-file', 'file:after-sparse']);
	});

	it('keeps non-UTF-8 names distinct and visible', async () => {
		expect(await paths(nonUtf8NameTar())).toEqual(['file:caf\\xe9.txt', 'file:ok.txt']);
	});

	it('reads an empty tar as an empty layer', async () => {
		expect((await read(emptyTar())).entries).toEqual([]);
	});

	it('reports truncated tars and corrupt compressed data as one clear error', async () => {
		await expect(read(truncatedTar())).rejects.toThrow(/^layer 1 is truncated/);
		const gz = gzip(await sample());
		await expect(read(gz.subarray(0, gz.length - 30))).rejects.toThrow(/^layer 1 is truncated/);
		const corrupt = Buffer.from(gz);
		corrupt.fill(0x55, 20, 60);
		await expect(read(corrupt)).rejects.toThrow(/^layer 1: corrupt compressed data|^layer 1 is not a valid tar/);
		const zst = zstd(await sample());
		await expect(read(zst.subarray(0, zst.length - 20))).rejects.toThrow(/^layer 1/);
		await expect(read(Buffer.from('definitely not a tar archive, just some text'.repeat(20)))).rejects.toThrow(/^layer 1 is not a valid tar archive|^layer 1 is truncated/);
	});

	it('refuses names and hardlinks that climb out of the root', async () => {
		await expect(read(await makeTar([{name: '../../etc/passwd', content: 'x'}]))).rejects.toThrow(/points outside the image root/);
		await expect(read(await makeTar([{name: 'a', type: 'link', linkname: '../../../etc/shadow'}]))).rejects.toThrow(/points outside the image root/);
	});
});
