import {execFileSync, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {zstd} from '../fixtures/compress.js';
import {buildImage} from '../fixtures/image.js';
import {writeOciLayout} from '../fixtures/oci-layout.js';
import {rawTarHeader} from '../fixtures/raw-tar.js';
import {makeTar} from '../fixtures/tar.js';
import {PEEL} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-zstd-');

/**
 * Runs the built CLI under GNU time: exit code, stdout, stderr, and peak RSS in MiB.
 * `decoder` 'fzstd' forces the pure-JS fallback (PEEL_ZSTD), else peel picks its fastest.
 */
function peelWithRss(args: string[], decoder: Decoder): Promise<{code: number | null; stdout: string; stderr: string; rssMib: number}> {
	const env: NodeJS.ProcessEnv = {...process.env, FORCE_COLOR: '0'};
	delete env['CI'];
	if (decoder === 'fzstd') env['PEEL_ZSTD'] = 'fzstd';
	else delete env['PEEL_ZSTD'];
	return new Promise((resolve, reject) => {
		const child = spawn('/usr/bin/time', ['-q', '-f', 'peak-rss-kb %M', process.execPath, PEEL, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			const match = /peak-rss-kb (\d+)\s*$/.exec(stderr);
			if (!match) return reject(new Error(`no RSS figure from GNU time: ${stderr}`));
			resolve({code, stdout, stderr: stderr.slice(0, match.index), rssMib: Number(match[1]) / 1024});
		});
	});
}

/** A one-layer OCI layout whose zstd layer is `blob` (of the tar `tar`). */
async function layoutWith(name: string, tar: Buffer, blob: Buffer): Promise<string> {
	const image = await buildImage({layers: [{entries: [], rawTar: tar, compression: 'zstd', encode: () => blob}]});
	const layout = path.join(dir, name);
	await writeOciLayout(layout, [{image, refName: 'latest'}]);
	return `oci://${layout}`;
}

type Decoder = 'fastest' | 'fzstd';

// Every case on both paths: the fallback must stay correct where the fast one is installed.
describe.each<Decoder>(['fastest', 'fzstd'])('zstd layers (%s decoder)', decoder => {
	it('stream a 1 GiB bomb of zeros in bounded memory', async () => {
		const size = 1 << 30;
		// One file of zeros: the header, then zeros (content, padding and the end blocks alike).
		const tar = Buffer.alloc(512 + size + 1024);
		rawTarHeader({name: 'zeros.bin', size}).copy(tar, 0);
		const blob = zerosBomb(tar.subarray(0, 512), size + 1024);
		expect(blob.length).toBeLessThan(size / 1000);
		// The reference decoder accepts it (and a zstd -3 of the same tar is no smaller).
		execFileSync('zstd', ['-t', '-q'], {input: blob});
		const json = path.join(dir, `bomb-${decoder}.json`);
		const result = await peelWithRss(['--json', json, await layoutWith(`bomb-${decoder}`, tar, blob)], decoder);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(readFileSync(json, 'utf8')).toContain('zeros.bin');
		// Like gzip: memory does not follow the decompressed size (it did: 1 GB → 1.1 GB).
		expect(result.rssMib).toBeLessThan(300);
	}, 60_000);

	it('decode a --long=27 layer, checked against the zstd CLI', async () => {
		// The same random 8 MiB twice, 16 MiB apart: only a long window finds the repeat.
		const random = randomBytes(8 << 20);
		const big = Buffer.concat([random, Buffer.alloc(8 << 20), random]);
		const tar = await makeTar([{name: 'long.bin', content: big}, {name: 'etc/hostname', content: 'long\n'}]);
		const blob = execFileSync('zstd', ['-1', '--long=27', '-q', '-c'], {input: tar, maxBuffer: 1 << 28});
		// The CLI itself needs --long=27 to read it back: the frame really asks for 128 MiB.
		expect(execFileSync('zstd', ['-d', '-c', '--long=27'], {input: blob, maxBuffer: 1 << 28}).equals(tar)).toBe(true);
		const json = path.join(dir, `long27-${decoder}.json`);
		const result = await peelWithRss(['--json', json, await layoutWith(`long27-${decoder}`, tar, blob)], decoder);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		// Exit 0 means the decoded tar matched the config's diff_id, the sha256 of `tar`.
		expect(readFileSync(json, 'utf8')).toContain('long.bin');
		expect(readFileSync(json, 'utf8')).toContain('hostname');
		expect(blob.length).toBeLessThan(tar.length * 0.4);
	}, 60_000);

	it('refuse a frame whose window is over 128 MiB with one clear line, exit 2', async () => {
		const tar = await makeTar([{name: 'etc/hostname', content: 'wide\n'}]);
		// zstd shrinks the window to the input, so a small --long=31 frame would not ask for
		// 2 GiB: the header is rewritten to ask for it, and the zstd CLI agrees it does.
		const blob = withWindowLog(zstd(tar), 31);
		expect(() => execFileSync('zstd', ['-d', '-c', '-q'], {input: blob, stdio: 'pipe'})).toThrow(/--long=31|memory/);
		expect(execFileSync('zstd', ['-d', '-c', '-q', '--long=31'], {input: blob}).equals(tar)).toBe(true);
		const result = await peelWithRss(['--json', '/dev/null', await layoutWith(`wide-${decoder}`, tar, blob)], decoder);
		expect(result.code, result.stderr).toBe(2);
		const lines = result.stderr.trim().split('\n');
		expect(lines, result.stderr).toHaveLength(1);
		expect(lines[0]).toMatch(/^peel: layer \d+ \(sha256:[0-9a-f]+.*\): needs a 2048 MiB decompression window larger than the 128 MiB peel allows: recompress this layer with a smaller window \(--long=27 or less\)$/);
	}, 60_000);

	it('read a layer of several frames with skippable frames between, checked against the zstd CLI', async () => {
		const files = [
			{name: 'etc/hostname', content: 'frames\n'},
			{name: 'usr/lib/blob.bin', content: randomBytes(3 << 20)},
			{name: 'usr/share/text.txt', content: 'peel '.repeat(200_000)},
		];
		const tar = await makeTar(files);
		// Cut mid-entry and each piece its own frame (one with a checksum), skippable frames around them.
		const pieces = [tar.subarray(0, 700_000), tar.subarray(700_000, 2_500_000), tar.subarray(2_500_000)];
		const blob = Buffer.concat([
			skippable(16),
			zstd(pieces[0]!),
			skippable(0),
			execFileSync('zstd', ['-q', '-c', '-19', '--check'], {input: pieces[1]!, maxBuffer: 1 << 26}),
			zstd(pieces[2]!, 1),
			skippable(5),
		]);
		expect(execFileSync('zstd', ['-d', '-c', '-q'], {input: blob, maxBuffer: 1 << 26}).equals(tar)).toBe(true);
		const json = path.join(dir, `frames-${decoder}.json`);
		const result = await peelWithRss(['--json', json, await layoutWith(`frames-${decoder}`, tar, blob)], decoder);
		expect(result.stderr).toBe('');
		// Exit 0: the decoded tar's sha256 matched the config's diff_id (the sha256 of `tar`).
		expect(result.code).toBe(0);
		const report = readFileSync(json, 'utf8');
		for (const file of files) expect(report).toContain(file.name.split('/').pop());
	}, 60_000);

	it('say a layer cut short in a frame is truncated, in one line, exit 2', async () => {
		const tar = await makeTar([{name: 'usr/lib/blob.bin', content: randomBytes(1 << 20)}]);
		const whole = zstd(tar);
		const blob = whole.subarray(0, whole.length - 1000);
		expect(() => execFileSync('zstd', ['-d', '-c', '-q'], {input: blob, stdio: 'pipe'})).toThrow();
		const result = await peelWithRss(['--json', '/dev/null', await layoutWith(`cut-${decoder}`, tar, blob)], decoder);
		expect(result.code, result.stderr).toBe(2);
		expect(result.stderr).toMatch(/^peel: layer \d+ \(sha256:[0-9a-f]+.*\) is truncated: the data ends in the middle of the archive\n$/);
	}, 60_000);
});

/** A skippable frame (RFC 8878 §3.1.2) of `size` bytes, which decoders pass over. */
function skippable(size: number): Buffer {
	const frame = Buffer.alloc(8 + size, 0xee);
	frame.writeUInt32LE(0x184d2a53, 0);
	frame.writeUInt32LE(size, 4);
	return frame;
}

/**
 * Rewrites a single-frame zstd stream's header to ask for a 2^log window (RFC 8878
 * §3.1.1.1): keeps the content-size and checksum flags, drops single-segment.
 */
function withWindowLog(frame: Buffer, log: number): Buffer {
	const descriptor = frame[4]!;
	const single = (descriptor & 0x20) !== 0;
	const sizeFlag = descriptor >> 6;
	const dictBytes = [0, 1, 2, 4][descriptor & 3]!;
	const sizeBytes = [single ? 1 : 0, 2, 4, 8][sizeFlag]!;
	const headerEnd = 5 + (single ? 0 : 1) + dictBytes + sizeBytes;
	// Without single-segment a 1-byte content size is not allowed: write it as 4 bytes.
	const size = sizeBytes === 0 ? null : sizeBytes === 1 ? frame[headerEnd - 1]! : sizeBytes === 2 ? frame.readUInt16LE(headerEnd - 2) + 256 : frame.readUInt32LE(headerEnd - 4);
	const head = Buffer.alloc(6 + dictBytes + (size === null ? 0 : 4));
	frame.copy(head, 0, 0, 4);
	head[4] = (size === null ? 0 : 2 << 6) | (descriptor & 0x07);
	head[5] = (log - 10) << 3;
	frame.copy(head, 6, 5 + (single ? 0 : 1), 5 + (single ? 0 : 1) + dictBytes);
	if (size !== null) head.writeUInt32LE(size, 6 + dictBytes);
	return Buffer.concat([head, frame.subarray(headerEnd)]);
}

/**
 * A zstd frame (RFC 8878) of `head` as a raw block, then `zeros` zero bytes as RLE blocks
 * of 128 KiB, 4 bytes each: 1 GiB in 32 KiB. Built by hand because the zstd CLI takes
 * longer than the test to squeeze a 1 GiB input.
 */
function zerosBomb(head: Buffer, zeros: number): Buffer {
	const BLOCK = 128 << 10;
	// Magic; descriptor 0 (no content size, no checksum); a 128 KiB window.
	const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3])];
	const block = (last: boolean, type: number, size: number) => {
		const header = (size << 3) | (type << 1) | (last ? 1 : 0);
		return Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]);
	};
	parts.push(block(false, 0, head.length), head);
	for (let left = zeros; left > 0; left -= BLOCK) {
		const size = Math.min(BLOCK, left);
		parts.push(block(left <= BLOCK, 1, size), Buffer.from([0]));
	}
	return Buffer.concat(parts);
}
