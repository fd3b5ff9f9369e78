import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, createReadStream, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {text} from 'node:stream/consumers';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {writeOciArchive, writeOciLayout} from '../fixtures/archives.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const root = tempDir('peel-overwrite-');
let image: BuiltImage;
let serial = 0;

beforeAll(async () => {
	image = await buildImage({layers: [{entries: [{name: 'etc/hello', content: 'hello\n'}]}, {entries: [{name: 'etc/more', content: 'more\n'}]}]});
});

/** A fresh directory per case, so that stray files of one case show in its own listing. */
function caseDir(): string {
	const dir = path.join(root, `case-${serial++}`);
	mkdirSync(dir);
	return dir;
}

/** Every file below `dir` (links not followed) with its bytes' hash: what must not change. */
function snapshot(dir: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const name of readdirSync(dir, {recursive: true}) as string[]) {
		const full = path.join(dir, name);
		const stat = lstatSync(full);
		if (stat.isSymbolicLink()) out.set(name, `-> ${readlinkSync(full)}`);
		else if (stat.isFile()) out.set(name, createHash('sha256').update(readFileSync(full)).digest('hex'));
	}
	return out;
}

async function expectRefused(args: string[], dir: string): Promise<void> {
	const before = snapshot(dir);
	const run = await runPeel(args, {cwd: dir});
	expect(run.code, run.stderr).toBe(2);
	expect(run.stdout).toBe('');
	expect(run.stderr).toMatch(/^peel: --json .* would overwrite .*; write the report to another file\n$/);
	// The same files, byte for byte: nothing written, nothing left behind (.peel-*.tmp).
	expect(snapshot(dir)).toEqual(before);
}

describe('--json never replaces a file the image is read from', () => {
	test('the archive named again, through a symlink, or through a hardlink', async () => {
		const dir = caseDir();
		await writeOciArchive(path.join(dir, 'image.tar'), [{image}]);
		symlinkSync('image.tar', path.join(dir, 'link.json'));
		linkSync(path.join(dir, 'image.tar'), path.join(dir, 'hard.json'));
		await expectRefused(['image.tar', '--json', 'image.tar'], dir);
		await expectRefused(['image.tar', '--json', './image.tar'], dir);
		await expectRefused(['image.tar', '--json', 'link.json'], dir);
		await expectRefused(['image.tar', '--json', 'hard.json'], dir);
		await expectRefused(['oci-archive://image.tar', '--json', path.join(dir, 'hard.json')], dir);
	});

	test('the real file, when the image is given through a symlink', async () => {
		const dir = caseDir();
		await writeOciArchive(path.join(dir, 'image.tar'), [{image}]);
		symlinkSync(path.join(dir, 'image.tar'), path.join(dir, 'alias.tar'));
		await expectRefused(['alias.tar', '--json', 'image.tar'], dir);
	});

	test('any file of an OCI layout: index.json, oci-layout, a blob, a new file inside it', async () => {
		const dir = caseDir();
		const layout = path.join(dir, 'layout');
		await writeOciLayout(layout, [{image}]);
		const blob = `layout/blobs/sha256/${image.layers[0]!.digest.slice('sha256:'.length)}`;
		for (const target of ['layout/index.json', 'layout/oci-layout', blob, 'layout/blobs/new.json']) {
			await expectRefused(['layout', '--json', target], dir);
		}
		symlinkSync('layout', path.join(dir, 'layout-link'));
		await expectRefused(['layout-link', '--json', 'layout/index.json'], dir);
		await expectRefused(['oci://layout', '--json', 'layout-link/oci-layout'], dir);
	});

	test('a layout blob that is a hardlink to a file outside the layout (found once the blob is read)', async () => {
		const dir = caseDir();
		const layout = path.join(dir, 'layout');
		await writeOciLayout(layout, [{image}]);
		const blob = path.join(layout, 'blobs/sha256', image.layers[1]!.digest.slice('sha256:'.length));
		linkSync(blob, path.join(dir, 'report.json'));
		await expectRefused(['layout', '--json', 'report.json'], dir);
	});
});

describe('--json writes the report whole, or leaves the old one', () => {
	test('a new report replaces the old one; a symlinked target keeps its link; no temp file stays', async () => {
		const dir = caseDir();
		await writeOciArchive(path.join(dir, 'image.tar'), [{image}]);
		writeFileSync(path.join(dir, 'report.json'), 'old report');
		mkdirSync(path.join(dir, 'reports'));
		writeFileSync(path.join(dir, 'reports/real.json'), 'old report');
		symlinkSync('reports/real.json', path.join(dir, 'current.json'));
		for (const target of ['report.json', 'current.json']) {
			const run = await runPeel(['image.tar', '--json', target], {cwd: dir});
			expect(run.code, run.stderr).toBe(0);
			expect(JSON.parse(readFileSync(path.join(dir, target), 'utf8')).peel.image.digest).toBe(image.manifestDigest);
		}
		expect(lstatSync(path.join(dir, 'current.json')).isSymbolicLink()).toBe(true);
		expect(readdirSync(dir, {recursive: true}).filter(name => String(name).includes('.peel-'))).toEqual([]);
	});

	test('a device or a named pipe is written in place', async () => {
		const dir = caseDir();
		await writeOciArchive(path.join(dir, 'image.tar'), [{image}]);
		expect((await runPeel(['image.tar', '--json', '/dev/null'], {cwd: dir})).code).toBe(0);
		const fifo = path.join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		const received = text(createReadStream(fifo));
		const run = await runPeel(['image.tar', '--json', 'fifo'], {cwd: dir});
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(await received).peel.image.digest).toBe(image.manifestDigest);
		expect(lstatSync(fifo).isFIFO()).toBe(true);
	});

	test('a report named in a directory that does not exist fails before any work, in one line', async () => {
		const dir = caseDir();
		await writeOciArchive(path.join(dir, 'image.tar'), [{image}]);
		const run = await runPeel(['image.tar', '--json', 'missing/report.json'], {cwd: dir});
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^peel: --json missing\/report\.json: directory .*missing does not exist\n$/);
		const asDir = await runPeel(['image.tar', '--json', '.'], {cwd: dir});
		expect(asDir.code).toBe(2);
		expect(asDir.stderr).toBe('peel: --json . is a directory; name a file in it\n');
	});

	describe('a disk that fills up mid-write (a 64 kB tmpfs)', () => {
		let mountPoint = '';
		let mounted = false;
		beforeAll(() => {
			mountPoint = caseDir();
			try {
				execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0777', 'tmpfs', mountPoint], {stdio: 'ignore'});
				mounted = true;
			} catch {
				// Not root, or no mount in this sandbox: the case below cannot run.
			}
		});
		afterAll(() => {
			if (mounted) execFileSync('umount', [mountPoint]);
		});

		test('keeps the old report and leaves no temp file', async ctx => {
			if (!mounted) ctx.skip();
			// Thousands of files: the report is far larger than the disk.
			const big = await buildImage({layers: [{entries: Array.from({length: 3000}, (_, i) => ({name: `data/file-${i}`, content: `${i}`}))}]});
			const archive = path.join(caseDir(), 'big.tar');
			await writeOciArchive(archive, [{image: big}]);
			const report = path.join(mountPoint, 'report.json');
			writeFileSync(report, '{"old": true}\n');
			chmodSync(report, 0o640);
			const run = await runPeel([archive, '--json', report]);
			expect(run.code).toBe(2);
			expect(run.stderr).toMatch(/^peel: cannot write --json .*report\.json: no space left on the device; the previous file, if any, is unchanged\n$/);
			expect(readFileSync(report, 'utf8')).toBe('{"old": true}\n');
			expect(readdirSync(mountPoint)).toEqual(['report.json']);
		});
	});
});
