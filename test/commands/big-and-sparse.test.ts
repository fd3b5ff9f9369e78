import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {closeSync, openSync, readFileSync, writeFileSync, writeSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {runPeelBytes} from './run-bytes.js';

const dir = tempDir('peel-big-');
const BIG = 64 << 20;

/** Text-like bytes from xorshift32 (compress as real files do, and fast). */
function bigContent(size: number): Buffer {
	const out = Buffer.allocUnsafe(size);
	let x = 2463534242;
	for (let i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = 97 + ((x >>> 0) % 16);
	}
	return out;
}

describe('a 64 MB file late in a gzip layer', () => {
	let layout: string;
	let layerTar: string;
	const big = bigContent(BIG);
	const bigSha = createHash('sha256').update(big).digest('hex');
	beforeAll(async () => {
		const small = Array.from({length: 2000}, (_, i) => ({name: `many/f${i}.txt`, content: `small file ${i}\n`}));
		const image = await buildImage({
			layers: [
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/small', content: 'small\n'}]},
				{entries: [...small, {name: 'opt/big.bin', content: big}, {name: 'opt/after', content: 'after\n'}], compression: 'gzip'},
			],
		});
		layout = path.join(dir, 'layout');
		await writeOciLayout(layout, [{image, refName: 't'}]);
		layerTar = path.join(dir, 'layer1.tar');
		writeFileSync(layerTar, image.layers[1]!.tar);
	}, 120_000);

	it('is read as its bytes with memory bounded: the peak RSS grows far less than the file', async () => {
		const catBig = await runPeelBytes(['cat', layout, '/opt/big.bin'], {keep: false, measure: true});
		expect(catBig.code, catBig.stderr).toBe(0);
		expect([catBig.length, catBig.sha256]).toEqual([BIG, bigSha]);
		const tarX = createHash('sha256').update(execFileSync('tar', ['-xOf', layerTar, 'opt/big.bin'], {maxBuffer: 1 << 27})).digest('hex');
		expect(catBig.sha256).toBe(tarX);
		const catSmall = await runPeelBytes(['cat', layout, '/etc/small'], {measure: true});
		expect(catSmall.stdout.toString()).toBe('small\n');
		const growthMb = (catBig.maxRssKb! - catSmall.maxRssKb!) / 1024;
		console.log(`peak RSS: cat of 64 MB ${Math.round(catBig.maxRssKb! / 1024)} MB, cat of 6 B ${Math.round(catSmall.maxRssKb! / 1024)} MB`);
		// A reader holding the file would need 64 MB more. Two runs' peaks differ by up to
		// ~27 MB without that (GC timing; CI runs saw −2 to +27 MB), hence the margin.
		expect(growthMb).toBeLessThan(40);
	}, 120_000);
});

describe('GNU sparse files read as their expanded bytes', () => {
	const src = path.join(dir, 'src');
	beforeAll(() => {
		execFileSync('mkdir', ['-p', src]);
		const file = path.join(src, 'disk.img');
		execFileSync('truncate', ['-s', String(6 << 20), file]);
		const fd = openSync(file, 'r+');
		for (let i = 0; i < 3; i++) writeSync(fd, Buffer.from(`region ${i} `.repeat(500)), 0, undefined, i * (2 << 20));
		closeSync(fd);
		writeFileSync(path.join(src, 'after.txt'), 'after\n');
	});

	for (const [dialect, args] of [['PAX 1.0', ['--format=posix', '--sparse-version=1.0']], ['old GNU', ['--format=gnu']]] as const) {
		it(dialect, async () => {
			const tar = execFileSync('tar', ['--sparse', ...args, '-C', src, '-cf', '-', 'disk.img', 'after.txt'], {maxBuffer: 1 << 27});
			expect(tar.length).toBeLessThan(1 << 20); // really stored sparse
			const image = await buildImage({layers: [{entries: [], rawTar: tar, compression: 'gzip'}]});
			const layout = path.join(dir, `sparse-${dialect.replace(/\W/g, '')}`);
			await writeOciLayout(layout, [{image, refName: 't'}]);
			const expected = readFileSync(path.join(src, 'disk.img'));
			const run = await runPeelBytes(['cat', layout, '/disk.img']);
			expect(run.code, run.stderr).toBe(0);
			expect(run.stdout.equals(expected)).toBe(true);
			const tarFile = path.join(layout, 'layer.tar');
			writeFileSync(tarFile, tar);
			expect(run.stdout.equals(execFileSync('tar', ['-xOf', tarFile, 'disk.img'], {maxBuffer: 1 << 27}))).toBe(true);
			expect((await runPeelBytes(['cat', layout, '/after.txt'])).stdout.toString()).toBe('after\n');
		});
	}
});
