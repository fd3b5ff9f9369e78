import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {known, writeLookInside} from './image-fixture.js';
import {oneLineError, runPeelBytes} from './run-bytes.js';

const dir = tempDir('peel-cat-');
const hostTarget = path.join(dir, 'host-target');
let fixture: Awaited<ReturnType<typeof writeLookInside>>;
beforeAll(async () => {
	fixture = await writeLookInside(dir, hostTarget);
});

/** GNU tar's reading of one entry of one layer: the independent answer. */
const tarX = (layer: number, name: string) => execFileSync('tar', ['-xOf', fixture.layerTars[layer]!, name], {maxBuffer: 1 << 26});
/** The file GNU tar leaves on disk when extracting the layer: for a duplicate name, the last. */
const tarExtracted = (layer: number, name: string) => {
	const out = mkdtempSync(path.join(dir, 'tar-x-'));
	execFileSync('tar', ['-xf', fixture.layerTars[layer]!, '-C', out, name]);
	return readFileSync(path.join(out, name));
};
const cat = (image: string, ...args: string[]) => runPeelBytes(['cat', image, ...args]);

describe('peel cat: the bytes of any version, from every source kind', () => {
	for (const source of ['layout', 'archive'] as const) {
		it(`${source}: a binary file, the duplicate that wins, a file of the uncompressed layer`, async () => {
			const image = fixture[source];
			const blob = await cat(image, '/data/blob.bin');
			expect(blob.code, blob.stderr).toBe(0);
			expect(blob.stdout.equals(known.blob)).toBe(true);
			expect(blob.stdout.equals(tarX(0, 'data/blob.bin'))).toBe(true);
			// tar -x of a layer with a duplicate name keeps the last one, too.
			const dup = await cat(image, 'data/dup');
			expect(dup.stdout.toString()).toBe(known.dupLast);
			expect(dup.stdout.equals(tarExtracted(1, 'data/dup'))).toBe(true);
			expect((await cat(image, '/opt/plain.txt')).stdout.equals(tarX(2, 'opt/plain.txt'))).toBe(true);
			const empty = await cat(image, '/data/empty');
			expect([empty.code, empty.length]).toEqual([0, 0]);
		});
	}

	it('--layer N: the version visible at that layer; the default is the final filesystem', async () => {
		const image = fixture.layout;
		expect((await cat(image, '/etc/hosts', '--layer', '0')).stdout.equals(tarX(0, 'etc/hosts'))).toBe(true);
		expect((await cat(image, '/etc/hosts', '--layer', '0')).stdout.toString()).toBe(known.hostsV1);
		expect((await cat(image, '/etc/hosts')).stdout.toString()).toBe(known.hostsV2);
		expect((await cat(image, '/etc/gone', '--layer', '0')).stdout.toString()).toBe(known.gone);
		const gone = oneLineError(await cat(image, '/etc/gone', '--layer', '1'));
		expect(gone).toMatch(/\/etc\/gone is not present at layer 1 \(removed by layer 1; present at layer 0; choose one with --layer\)/);
	});

	it('symlinks are followed inside the image: usrmerge, absolute, chained, escaping', async () => {
		const image = fixture.layout;
		for (const name of ['/bin/sh', '/abs', '/chain', 'usr/bin/sh']) expect((await cat(image, name)).stdout.toString(), name).toBe(known.sh);
		// ../../../etc/passwd resolves against the image root: the image's passwd, never the host's.
		expect((await cat(image, '/escape')).stdout.toString()).toBe(known.passwd);
		expect((await cat(image, '/bin/late')).stdout.equals(tarX(1, 'bin/late'))).toBe(true);
		// The link into the host's directory is the image's own path, holding the layer-3 file.
		expect((await cat(image, '/evil/pwned')).stdout.toString()).toBe(known.pwned);
		expect(existsSync(path.join(hostTarget, 'pwned'))).toBe(false);
	});

	it('hardlinks read as their inode, within a layer and across layers', async () => {
		const image = fixture.layout;
		expect((await cat(image, '/usr/bin/sh-hard')).stdout.toString()).toBe(known.sh);
		expect((await cat(image, '/data/hosts-hard')).stdout.toString()).toBe(known.hostsV2);
	});

	it('bad input: one line, exit 2', async () => {
		const image = fixture.layout;
		expect(oneLineError(await cat(image, '/etc'))).toMatch(/\/etc is a directory at layer 3: cat reads files/);
		expect(oneLineError(await cat(image, '/etc/passwd/x'))).toMatch(/\/etc\/passwd is not a directory at layer 3/);
		expect(oneLineError(await cat(image, '/nope'))).toMatch(/\/nope is not present at layer 3$/);
		expect(oneLineError(await cat(image, '/loop-a'))).toMatch(/more than 40 symlinks followed .*the image's links loop/);
		expect(oneLineError(await cat(image, '/etc/hosts', '--layer', '4'))).toMatch(/--layer 4 is out of range: the image has layers 0 to 3/);
		expect(oneLineError(await cat(image, '/etc/hosts', '--layer', '-1'))).toMatch(/--layer/);
		expect(oneLineError(await cat(image))).toMatch(/usage: peel cat IMAGE PATH/);
		expect(oneLineError(await cat(image, '/etc/hosts', '--bogus'))).toMatch(/Unknown option '--bogus'/);
	});

	it('a command name is still reachable as an image: ./cat is the archive, not the command', async () => {
		const sub = path.join(dir, 'named');
		mkdirSync(sub, {recursive: true});
		execFileSync('cp', [fixture.archive, path.join(sub, 'cat')]);
		const run = await runPeelBytes(['./cat', '--json', '-'], {cwd: sub});
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout.toString()).peel.image.source).toBe('docker-archive');
	});
});
