import {execFileSync} from 'node:child_process';
import {closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeOciArchive} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {deepPaxPathTar, makeRawTar, makeTar, paxHeaderRecord, paxRecord} from '../fixtures/tar.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();

async function archive(name: string, tars: Buffer[]): Promise<string> {
	const image = await buildImage({layers: tars.map(rawTar => ({entries: [], rawTar, compression: 'gzip' as const}))});
	const file = path.join(dir, `${name}.tar`);
	await writeOciArchive(file, [{image, refName: name}]);
	return file;
}

/** One line on stderr, exit 2, nothing on stdout, no stack. */
function expectOneLine(run: {code: number | null; stdout: string; stderr: string}, pattern: RegExp): void {
	expect(run.code, run.stderr).toBe(2);
	expect(run.stdout).toBe('');
	const lines = run.stderr.trimEnd().split('\n');
	expect(lines, run.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(pattern);
}

describe('tar dialects through the built CLI (--json)', () => {
	it('a sparse file: real name and apparent size in dive figures; equal across dialects; same-layer duplicates reclaimable', async () => {
		const src = path.join(dir, 'src');
		mkdirSync(src);
		const big = path.join(src, 'big.img');
		execFileSync('truncate', ['-s', String(8 * 1024 * 1024), big]);
		const fd = openSync(big, 'r+');
		// Two whole 4 KiB blocks of data: GNU tar stores exactly these 8192 bytes.
		for (const at of [4096, 6 * 1024 * 1024]) writeSync(fd, Buffer.alloc(4096, 'd'), 0, 4096, at);
		closeSync(fd);
		writeFileSync(path.join(src, 'note.txt'), 'n'.repeat(106));
		const gnuTar = (args: string[], names: string[]) => execFileSync('tar', ['--sparse', ...args, '-C', src, '-cf', '-', ...names]);
		const file = await archive('sparse', [
			gnuTar(['--format=posix', '--sparse-version=1.0'], ['big.img', 'note.txt']),
			gnuTar(['--format=gnu'], ['big.img']),
			await makeTar([{name: 'dup', content: 'x'.repeat(40)}, {name: 'dup', content: 'y'.repeat(7)}]),
		]);
		const run = await runPeel(['--json', '-', file]);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout);
		const apparent = statSync(big).size;
		// dive's layer size: Σ header sizes as Go's archive/tar gives them (the apparent size).
		expect(report.layer.map((l: {sizeBytes: number}) => l.sizeBytes)).toEqual([apparent + 106, apparent, 47]);
		expect(report.layer[0].sizeBytes).toBe(8_388_714);
		const bigRow = report.layer[0].fileList.find((f: {path: string}) => f.path === 'big.img');
		expect(bigRow).toMatchObject({size: apparent, typeFlag: 48});
		expect(report.layer[1].fileList.find((f: {path: string}) => f.path === 'big.img')).toMatchObject({size: apparent, typeFlag: 83});
		expect(JSON.stringify(report)).not.toMatch(/GNUSparseFile/);
		// The old-GNU copy hashes as the PAX 1.0 one: rewritten unchanged, its stored 8192 bytes reclaimable.
		const items = report.peel.reclaimable.map((i: Record<string, unknown>) => [i['path'], i['layer'], i['hiddenBy'], i['bytes'], i['reason']]);
		expect(items).toContainEqual(['/big.img', 0, 1, 8192, 'rewritten-unchanged']);
		expect(items).toContainEqual(['/dup', 2, 2, 40, 'overwritten']);
		expect(report.peel.layers.map((l: {reclaimableBytes: number}) => l.reclaimableBytes)).toEqual([8192, 0, 40]);
	});

	it('a 65,535-component PAX path: one line naming the entry, exit 2, fast, in little memory', async () => {
		const file = await archive('deep', [deepPaxPathTar(65_535)]);
		const started = performance.now();
		// A heap far below what the path would blow up to (GBs): the limit comes first.
		const run = await runPeel(['--json', '-', file], {env: {NODE_OPTIONS: '--max-old-space-size=64'}});
		expectOneLine(run, /^peel: layer 0 \(sha256:[0-9a-f]{12}\): entry "d\/d\/d\/[d/]*…" has a path of 131074 bytes; peel reads at most 4096 \(Linux's PATH_MAX\)/);
		expect(performance.now() - started).toBeLessThan(15_000);
	});

	it('a PAX size that is not a decimal integer: one line naming the layer and entry', async () => {
		const tar = makeRawTar([paxHeaderRecord('f', paxRecord('size', '12abc')), {header: {name: 'etc/f', typeflag: '0'}, data: 'x'.repeat(12)}]);
		const run = await runPeel(['--json', '-', await archive('paxsize', [tar])]);
		expectOneLine(run, /^peel: layer 0 \(sha256:[0-9a-f]{12}\): entry "etc\/f": corrupt PAX header: size "12abc" is not a decimal integer/);
	});
});
