import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, symlinkSync, linkSync, writeFileSync, openSync, writeSync, closeSync} from 'node:fs';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {contentHash} from '../../source/layers/decode-layer.js';
import type {LayerContents, LayerEntry} from '../../source/layers/layer-entry.js';
import {readLayer} from '../../source/layers/read-layer.js';
import {TarScanner, type ScannedHeader} from '../../source/layers/tar-scan.js';
import {gzip} from '../fixtures/compress.js';
import {deterministicBytes} from '../fixtures/random.js';
import {makeRawTar, paxRecord} from '../fixtures/raw-tar.js';
import {tempDir} from '../helpers/temp-dir.js';

/**
 * The fast tar scan (tar-scan.ts) against GNU tar itself: archives GNU tar wrote of a real
 * directory, in its gnu format (long names as 'L'/'K' records) and posix format (a PAX
 * header per entry), checked entry by entry against `tar -tv`, file hashes against the
 * files on disk, entry offsets against `tar -R`; and the hand-over to tar-stream in the
 * middle of a layer (a sparse file, a PAX global header) and at any chunk cut.
 */

const root = tempDir('peel-tar-scan-');
const tree = path.join(root, 'tree');
const LONG_DIR = `usr/share/${'long-directory-name-'.repeat(7)}`;
const names: string[] = [];

function file(name: string, content: Buffer | string): void {
	mkdirSync(path.dirname(path.join(tree, name)), {recursive: true});
	writeFileSync(path.join(tree, name), content);
	names.push(name);
}

function buildTree(): void {
	mkdirSync(tree, {recursive: true});
	for (let i = 0; i < 1500; i++) {
		const size = [0, 1, 100, 511, 512, 513, 1023, 4096, 20_000][i % 9]!;
		file(`srv/d${i % 23}/f${i}.txt`, deterministicBytes(`f${i}`, size));
	}
	// Past the inflater's 1 MiB output chunks, so the data of one file spans several.
	file('usr/lib/big.bin', deterministicBytes('big', 3 * (1 << 20) + 17));
	file(`${LONG_DIR}/file-with-a-long-name.txt`, 'long\n');
	file('usr/share/café/naïve.txt', 'utf-8 name\n');
	symlinkSync(`../../${LONG_DIR}/file-with-a-long-name.txt`, path.join(tree, 'usr/lib/long-link'));
	names.push('usr/lib/long-link');
	linkSync(path.join(tree, 'usr/lib/big.bin'), path.join(tree, 'usr/lib/big-again.bin'));
	names.push('usr/lib/big-again.bin');
	execFileSync('mkfifo', [path.join(tree, 'usr/lib/fifo')]);
	names.push('usr/lib/fifo');
	// A sparse file (GNU tar writes it as old GNU 'S' or PAX GNU.sparse): tar-stream's to read.
	const sparse = openSync(path.join(tree, 'usr/lib/sparse.img'), 'w');
	writeSync(sparse, Buffer.from('start'), 0, 5, 0);
	writeSync(sparse, Buffer.from('end'), 0, 3, 4 << 20);
	closeSync(sparse);
}
buildTree();

/** GNU tar of the tree's entries in this order (directories without their contents). */
function gnuTar(format: 'gnu' | 'posix', order: string[], sparse = false): Buffer {
	const list = path.join(root, `list-${format}`);
	writeFileSync(list, `${order.join('\n')}\n`);
	const args = ['-c', `--format=${format}`, '--no-recursion', '--numeric-owner', '-C', tree, '-T', list, '-f', '-'];
	if (sparse) args.splice(1, 0, '--sparse');
	return execFileSync('tar', args, {maxBuffer: 1 << 28});
}

interface Listed {
	path: string;
	type: string;
	size: number;
	link: string | null;
	block: number;
}

/** `tar -tvR` of an archive: each member's path, type letter, size, link and first block. */
function listing(tar: Buffer): Listed[] {
	const out = execFileSync('tar', ['-tvR', '--numeric-owner', '--quoting-style=literal', '-f', '-'], {input: tar, maxBuffer: 1 << 28}).toString();
	return out
		.trimEnd()
		.split('\n')
		.filter(line => !line.includes('** Block of NULs **'))
		.map(line => {
			const match = /^block (\d+): (\S)\S{9}\s+\S+\s+(\S+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
			if (!match) throw new Error(`unparsed tar line: ${line}`);
			const [, block, type, size, rest] = match;
			let name = rest!;
			let link: string | null = null;
			const arrow = type === 'l' ? ' -> ' : type === 'h' ? ' link to ' : null;
			if (arrow) [name, link] = rest!.split(arrow) as [string, string];
			return {path: name.replace(/\/$/, ''), type: type!, size: Number(size), link, block: Number(block)};
		});
}

const KIND: Record<string, LayerEntry['kind']> = {'-': 'file', d: 'dir', l: 'symlink', h: 'hardlink', p: 'fifo'};

function sha(content: Buffer): string {
	return contentHash(createHash('sha256').update(content).digest('base64url'));
}

/** Checks every entry against GNU tar's listing and the files on disk; offsets too when `blocks`. */
function expectAsTarSays(read: LayerContents, tar: Buffer, blocks: boolean): void {
	const listed = listing(tar);
	expect(read.entries.map(entry => entry.path)).toEqual(listed.map(entry => entry.path));
	read.entries.forEach((entry, i) => {
		const want = listed[i]!;
		expect({kind: entry.kind, link: entry.linkTarget}, entry.path).toEqual({kind: KIND[want.type], link: want.link});
		if (entry.kind === 'file') {
			const content = readFileSync(path.join(tree, entry.path));
			expect(entry.size, entry.path).toBe(content.length);
			expect(entry.hash, entry.path).toBe(sha(content));
		} else expect(entry.hash).toBeNull();
		if (blocks) expect(read.seek!.starts[i], entry.path).toBe(want.block * 512);
	});
}

/** Directories first (as tar walks), then the names in order. */
function order(first: string[] = []): string[] {
	const dirs = new Set<string>();
	for (const name of names) for (let at = name.indexOf('/'); at > 0; at = name.indexOf('/', at + 1)) dirs.add(name.slice(0, at));
	return [...first, ...[...dirs].sort(), ...names.filter(name => !first.includes(name))];
}

const plain = order().filter(name => name !== 'usr/lib/sparse.img');

/** Entries of a tar by TarScanner alone: the headers, and where it handed over (if it did). */
function scanAlone(tar: Buffer): {headers: ScannedHeader[]; handover: number | null} {
	const headers: ScannedHeader[] = [];
	const scanner = new TarScanner({entry: header => (headers.push(header), null)});
	let failure: unknown = null;
	scanner.write(tar, error => (failure = error));
	expect(failure).toBeUndefined();
	return {headers, handover: scanner.handover?.offset ?? null};
}

describe('the fast tar scan', () => {
	for (const format of ['gnu', 'posix'] as const) {
		it(`reads GNU tar's ${format} format itself, every entry, hash and offset as GNU tar and the files say`, async () => {
			const tar = gnuTar(format, plain);
			const alone = scanAlone(tar);
			expect(alone.handover).toBeNull();
			expect(alone.headers.length).toBe(listing(tar).length);
			const read = await readLayer(Readable.from([gzip(tar)]), {label: 'layer 1'});
			// posix: -R gives the ustar header's block, peel the PAX record's before it.
			expectAsTarSays(read, tar, format === 'gnu');
			if (format === 'posix') for (const [i, listed] of listing(tar).entries()) expect(read.seek!.starts[i]).toBe((listed.block - 2) * 512);
		});
	}

	it('hands a sparse file in the middle over to tar-stream, which reads on from there with the right offsets', async () => {
		const middle = plain.slice(0, 700).concat('usr/lib/sparse.img', plain.slice(700));
		const tar = gnuTar('gnu', middle, true);
		const listed = listing(tar);
		const at = listed.findIndex(entry => entry.path === 'usr/lib/sparse.img');
		expect(String.fromCharCode(tar[listed[at]!.block * 512 + 156]!)).toBe('S'); // old GNU sparse
		const alone = scanAlone(tar);
		expect(alone.headers.length).toBe(at);
		expect(alone.handover).toBe(listed[at]!.block * 512);
		const read = await readLayer(Readable.from([gzip(tar)]), {label: 'layer 1'});
		expectAsTarSays(read, tar, true);
		expect(read.entries[at]!.size).toBe((4 << 20) + 3);
	});

	it('gives the same entries as tar-stream does on its own (a PAX global header first hands the whole layer over)', async () => {
		const tar = gnuTar('posix', plain);
		const globalTar = makeRawTar([{header: {name: 'pax_global_header', typeflag: 'g', mode: 0o644}, data: paxRecord('comment', 'peel')}], {end: false});
		const both = Buffer.concat([globalTar, tar]);
		expect(scanAlone(both).handover).toBe(0);
		const fast = await readLayer(Readable.from([gzip(tar)]), {label: 'layer 1'});
		const slow = await readLayer(Readable.from([gzip(both)]), {label: 'layer 1'});
		expect(slow.entries).toEqual(fast.entries);
	});

	it('reads the same at any chunk cut: headers, PAX records and data split across chunks', async () => {
		const tar = gnuTar('posix', plain);
		const whole = await readLayer(Readable.from([tar]), {label: 'layer 1'});
		const sizes = [1, 511, 513, 7, 4096, 100_003, 512, 3];
		const chunks: Buffer[] = [];
		for (let at = 0, i = 0; at < tar.length; i++) {
			const size = sizes[i % sizes.length]!;
			chunks.push(tar.subarray(at, at + size));
			at += size;
		}
		const cut = await readLayer(Readable.from(chunks), {label: 'layer 1'});
		expect(cut.entries).toEqual(whole.entries);
		expect(Array.from(cut.seek!.starts)).toEqual(Array.from(whole.seek!.starts));
		expect(cut.diffId).toBe(whole.diffId);
		expectAsTarSays(cut, tar, false);
	});

	it('stops at every entry while the pace holds it and goes on where it stopped', async () => {
		const tar = gnuTar('posix', plain);
		const free = scanAlone(tar).headers;
		const held: ScannedHeader[] = [];
		const digests: string[] = [];
		let holds = 0;
		const scanner = new TarScanner({
			entry: header => (held.push(header), header.type === 'file' ? digest => void digests.push(digest) : null),
			pace: goOn => {
				holds++;
				setImmediate(goOn);
			},
		});
		for (let at = 0; at < tar.length; at += 100_000) {
			await new Promise<void>((resolve, reject) => scanner.write(tar.subarray(at, at + 100_000), error => (error ? reject(error) : resolve())));
		}
		expect(scanner.end()).toBeNull();
		expect(held).toEqual(free);
		expect(holds).toBe(free.length);
		const files = free.filter(header => header.type === 'file');
		expect(digests).toEqual(files.map(header => createHash('sha256').update(readFileSync(path.join(tree, header.name))).digest('base64url')));
	});

	it('says a tar cut inside an entry ended unexpectedly', () => {
		const tar = gnuTar('gnu', plain);
		const scanner = new TarScanner({entry: () => null});
		scanner.write(tar.subarray(0, 512 * 3 + 100), () => {});
		expect(scanner.end()?.message).toBe('Unexpected end of data');
	});
});
