import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {closeSync, openSync, readFileSync, writeSync} from 'node:fs';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {contentHash} from '../../source/layers/decode-layer.js';
import {readLayer} from '../../source/layers/read-layer.js';
import {gnuSparseContent, gnuSparseTar, makeRawTar, paxHeaderRecord, paxRecord} from '../fixtures/tar.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();
const read = (bytes: Buffer) => readLayer(Readable.from([bytes]), {label: 'layer 1'});
const hashOf = (bytes: Buffer) => contentHash(createHash('sha256').update(bytes).digest('base64url'));

/** A sparse file on disk: `size` bytes, with `chunks` runs of data (a few KB each) among holes. */
function makeSparseFile(name: string, size: number, chunks: number): string {
	const file = path.join(dir, 'src', name);
	execFileSync('mkdir', ['-p', path.dirname(file)]);
	execFileSync('truncate', ['-s', String(size), file]);
	const fd = openSync(file, 'r+');
	for (let i = 0; i < chunks; i++) {
		// Block-aligned data so that the file system keeps the holes between them.
		const at = Math.floor((i * size) / chunks / 4096) * 4096;
		writeSync(fd, Buffer.from(`chunk ${i} `.repeat(300 + i)), 0, undefined, at);
	}
	closeSync(fd);
	return file;
}

/** GNU tar's archive of `names` (relative to the source directory), in the given dialect. */
function gnuTar(args: string[], names: string[]): Buffer {
	return execFileSync('tar', ['--sparse', ...args, '-C', path.join(dir, 'src'), '-cf', '-', ...names], {maxBuffer: 1 << 30});
}

describe('GNU sparse files, as GNU tar writes them', () => {
	const big = makeSparseFile('big.img', 8 * 1024 * 1024, 3);
	const many = makeSparseFile('many-holes.img', 4 * 1024 * 1024, 200);
	execFileSync('sh', ['-c', `printf after > ${path.join(dir, 'src', 'after.txt')}`]);
	const dialects: Array<[string, string[], number]> = [
		['PAX 1.0', ['--format=posix', '--sparse-version=1.0'], 48],
		['PAX 0.1', ['--format=posix', '--sparse-version=0.1'], 48],
		['PAX 0.0', ['--format=posix', '--sparse-version=0.0'], 48],
		['old GNU', ['--format=gnu'], 83],
	];

	for (const [dialect, args, typeFlag] of dialects) {
		it(`${dialect}: real name, apparent size, hash of the expanded bytes, in sync after`, async () => {
			const tar = gnuTar(args, ['big.img', 'many-holes.img', 'after.txt']);
			// GNU tar really did store them sparse: the archive is far smaller than the files.
			expect(tar.length).toBeLessThan(3 * 1024 * 1024);
			const {entries} = await read(tar);
			expect(entries.map(e => e.path)).toEqual(['big.img', 'many-holes.img', 'after.txt']);
			for (const [entry, file] of [[entries[0]!, big], [entries[1]!, many]] as const) {
				const bytes = readFileSync(file);
				expect(entry).toMatchObject({kind: 'file', typeFlag, size: bytes.length, hash: hashOf(bytes)});
				expect(entry.sparse!.regions.length).toBeGreaterThan(2);
			}
			expect(entries[2]).toMatchObject({size: 5, hash: hashOf(Buffer.from('after'))});
		});
	}

	it('the map kept with the entry expands the stored data to the file again', async () => {
		const tar = gnuTar(['--format=posix', '--sparse-version=1.0'], ['many-holes.img']);
		const [entry] = (await read(tar)).entries;
		// The stored data starts after the header blocks (PAX header, its data, the entry's header).
		const paxSize = Number.parseInt(tar.subarray(124, 136).toString('latin1'), 8);
		const dataStart = 512 + Math.ceil(paxSize / 512) * 512 + 512 + entry!.sparse!.mapBytes;
		const expanded = Buffer.alloc(entry!.size);
		const {regions} = entry!.sparse!;
		for (let i = 0, from = dataStart; i < regions.length; from += regions[i + 1]!, i += 2) tar.copy(expanded, regions[i]!, from, from + regions[i + 1]!);
		expect(expanded.equals(readFileSync(many))).toBe(true);
	});

	it('old GNU sparse files from the raw writer, with and without extension blocks', async () => {
		for (const regions of [3, 4, 5, 6, 25, 26, 100]) {
			const {entries} = await read(gnuSparseTar(regions));
			const content = gnuSparseContent(regions);
			expect(entries.map(e => e.path)).toEqual(['sparse-file', 'after-sparse']);
			expect(entries[0]).toMatchObject({size: content.length, typeFlag: 83, hash: hashOf(content)});
			expect(entries[0]!.sparse!.regions).toHaveLength(2 * regions);
		}
	});

	it('a sparse map that does not match the stored data is a corrupt entry', async () => {
		const lying = makeRawTar([
			paxHeaderRecord('f', paxRecord('GNU.sparse.size', '10000') + paxRecord('GNU.sparse.numblocks', '1') + paxRecord('GNU.sparse.map', '0,100')),
			{header: {name: 'f', typeflag: '0'}, data: 'x'.repeat(50)},
		]);
		await expect(read(lying)).rejects.toThrow(/^layer 1: sparse file "f" stores 50 bytes of data but its sparse map says 100: the layer is corrupt/);
		const outside = makeRawTar([
			paxHeaderRecord('f', paxRecord('GNU.sparse.size', '10') + paxRecord('GNU.sparse.numblocks', '1') + paxRecord('GNU.sparse.map', '5,50')),
			{header: {name: 'f', typeflag: '0'}, data: 'x'.repeat(50)},
		]);
		await expect(read(outside)).rejects.toThrow(/^layer 1: sparse file "f" has a sparse map with overlapping or out-of-range regions/);
	});

	it('terabytes of holes are not hashed as zeros: the map and data are, equally in every dialect, with a warning', async () => {
		const realSize = 2 ** 47; // 128 TiB
		const at = realSize - 512;
		const old = makeRawTar([{
			header: {name: 'huge', typeflag: 'S', magic: 'gnu', size: 512, patch: h => {
				h[386] = 0x80; // an offset this big is base-256 too
				h.writeUIntBE(at, 392, 6);
				h.write((512).toString(8).padStart(11, '0'), 398, 'ascii');
				h[483] = 0x80; // real size in base-256
				h.writeUIntBE(realSize, 489, 6);
			}},
			data: Buffer.alloc(512, 'h'),
		}]);
		const pax = makeRawTar([
			paxHeaderRecord('huge', paxRecord('GNU.sparse.size', String(realSize)) + paxRecord('GNU.sparse.numblocks', '2') + paxRecord('GNU.sparse.map', `${at},256,${at + 256},256`)),
			{header: {name: 'huge', typeflag: '0'}, data: Buffer.alloc(512, 'h')},
		]);
		const started = performance.now();
		const [a, b] = [await read(old), await read(pax)];
		expect(performance.now() - started).toBeLessThan(5000);
		expect(a.entries[0]).toMatchObject({path: 'huge', size: realSize});
		expect(a.entries[0]!.hash).toMatch(/^~/);
		expect(b.entries[0]!.hash).toBe(a.entries[0]!.hash);
		expect(a.warnings.join()).toMatch(/sparse file "huge" has more than 17179869184 bytes of holes/);
	});

	it('an old GNU sparse file cut inside its extension blocks is a truncated layer', async () => {
		const tar = gnuSparseTar(30);
		await expect(read(tar.subarray(0, 1024))).rejects.toThrow(/^layer 1 is truncated/);
	});
});
