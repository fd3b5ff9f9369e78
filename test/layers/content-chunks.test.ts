import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {contentHash} from '../../source/layers/decode-layer.js';
import {classifyName} from '../../source/layers/classify-entry.js';
import {readLayer} from '../../source/layers/read-layer.js';
import {gzip} from '../fixtures/compress.js';
import {deterministicBytes} from '../fixtures/random.js';
import {runTool} from '../fixtures/run-tool.js';

/**
 * The layer worker ends a file's hash on the byte count tar-stream streams (no 'end' event
 * per entry): files of every size around the 512-byte records and tar-stream's 16 KiB
 * buffer, fed in chunks that cut them anywhere, must hash as sha256sum hashes their bytes.
 * The tar is GNU tar's; the digests are sha256sum's.
 */

const SIZES = [0, 1, 511, 512, 513, 4095, 16383, 16384, 16385, 65536 + 7, (1 << 20) + 3];
const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-chunks-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function fixture(): Promise<{tar: Buffer; expected: Map<string, string>}> {
	const root = path.join(dir, 'root');
	await runTool('mkdir', ['-p', path.join(root, 'd')]);
	const names: string[] = [];
	for (const size of SIZES) {
		const name = `d/f${size}`;
		writeFileSync(path.join(root, name), deterministicBytes(`chunks ${size}`, size));
		names.push(name);
	}
	const tar = await runTool('tar', ['-C', root, '--sort=name', '--owner=0', '--group=0', '-cf', '-', 'd']);
	expect(tar.code).toBe(0);
	const sums = await runTool('sha256sum', names.map(name => path.join(root, name)));
	expect(sums.code).toBe(0);
	const expected = new Map<string, string>();
	for (const line of sums.stdout.toString().trim().split('\n')) {
		const [hex, file] = line.split(/\s+\*?/);
		expected.set(path.relative(root, file!), contentHash(Buffer.from(hex!, 'hex').toString('base64url')));
	}
	return {tar: tar.stdout, expected};
}

/** `bytes` cut into pieces of `size` bytes (the last one shorter). */
function pieces(bytes: Buffer, size: number): Buffer[] {
	const out: Buffer[] = [];
	for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
	return out;
}

describe('file contents cut across chunks', () => {
	it('hash every file as sha256sum does, however the tar is cut', async () => {
		const {tar, expected} = await fixture();
		expect(expected.size).toBe(SIZES.length);
		// Whole; in pieces of one record, and of odd sizes that cut headers and data anywhere; as gzip in odd pieces.
		const feeds = [[tar], pieces(tar, 512), pieces(tar, 997), pieces(tar, 16385), pieces(gzip(tar), 4099)];
		for (const chunks of feeds) {
			const layer = await readLayer(Readable.from(chunks), {label: 'layer 0'});
			const hashes = new Map(layer.entries.filter(entry => entry.kind === 'file').map(entry => [entry.path, entry.hash]));
			expect(hashes).toEqual(expected);
		}
	});

	it('fails a layer cut inside a file with one clear error, whatever the cut', async () => {
		const {tar} = await fixture();
		// Inside the 1 MiB file's data, and inside a small file's data.
		for (const end of [tar.length - (1 << 19), 512 * 3 + 100]) {
			await expect(readLayer(Readable.from(pieces(tar.subarray(0, end), 4101)), {label: 'layer 2'})).rejects.toThrow(/^layer 2 is truncated/);
		}
	});
});

describe('classifyName', () => {
	it('tells whiteouts, opaque markers and AUFS files by the base name only', () => {
		expect(classifyName('a/b/.wh.c', 'file')).toBe('whiteout');
		expect(classifyName('.wh.c', 'file')).toBe('whiteout');
		expect(classifyName('a/.wh..wh..opq', 'file')).toBe('opaque');
		expect(classifyName('.wh..wh..opq', 'file')).toBe('opaque');
		expect(classifyName('a/.wh..wh..opqx', 'file')).toBe('meta');
		expect(classifyName('a/.wh..wh.plnk', 'file')).toBe('meta');
		expect(classifyName('a/.wh.', 'file')).toBe('whiteout');
		expect(classifyName('.wh.x/b', 'dir')).toBe('dir');
		expect(classifyName('a.wh.b', 'file')).toBe('file');
		expect(classifyName('a/x.wh.b', 'symlink')).toBe('symlink');
	});
});
