import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeDockerArchiveLegacy, writeOciArchive, writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {makeTar, truncateTar} from '../fixtures/tar.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** One clear line on stderr, exit 2, nothing on stdout, no stack trace. */
async function expectOneLineError(args: string[], pattern: RegExp) {
	const run = await runPeel(['--json', '-', ...args]);
	expect(run.code, run.stderr).toBe(2);
	expect(run.stdout).toBe('');
	const lines = run.stderr.trimEnd().split('\n');
	expect(lines, run.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^peel: /);
	expect(lines[0]).toMatch(pattern);
	expect(run.stderr).not.toMatch(/\n\s+at /);
}

const goodImage = () =>
	buildImage({
		layers: [
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/hosts', content: 'x'.repeat(5000)}], compression: 'gzip'},
			{entries: [{name: 'app', content: 'app'}], compression: 'gzip'},
		],
	});

describe('bad input: one clear line, exit 2, nothing modified', () => {
	it('a missing file, and a path-like name that does not exist', async () => {
		await expectOneLineError([path.join(dir, 'nope.tar')], /nope\.tar: no such file or directory/);
		await expectOneLineError(['./missing/image.tar.gz'], /no such file or directory/);
	});

	it('a directory that is not a layout', async () => {
		const plain = path.join(dir, 'plain-dir');
		mkdirSync(plain);
		await expectOneLineError([plain], /is not an OCI image layout/);
	});

	it('an empty file and random bytes', async () => {
		writeFileSync(path.join(dir, 'empty.tar'), '');
		await expectOneLineError([path.join(dir, 'empty.tar')], /empty\.tar is not an image archive/);
		writeFileSync(path.join(dir, 'random.tar'), Buffer.from(Array.from({length: 4096}, (_, i) => (i * 7919) % 251)));
		await expectOneLineError([path.join(dir, 'random.tar')], /random\.tar is not an image archive/);
	});

	it('a tar that is not an image', async () => {
		writeFileSync(path.join(dir, 'notimage.tar'), await makeTar([{name: 'hello.txt', content: 'hi'}]));
		await expectOneLineError([path.join(dir, 'notimage.tar')], /has neither manifest\.json nor an OCI index\.json/);
	});

	it('a truncated archive', async () => {
		const file = path.join(dir, 'whole.tar');
		const bytes = await writeDockerArchiveLegacy(file, [{image: await goodImage(), repoTags: ['x:1']}]);
		writeFileSync(path.join(dir, 'cut.tar'), truncateTar(bytes, Math.floor(bytes.length / 2) + 100));
		await expectOneLineError([path.join(dir, 'cut.tar')], /truncated|missing from the archive/);
	});

	it('a corrupt gzip layer and a digest mismatch name the layer', async () => {
		const image = await goodImage();
		const layout = path.join(dir, 'corrupt.layout');
		const files = await writeOciLayout(layout, [{image, refName: 'v1'}]);
		const layerPath = path.join(layout, 'blobs', 'sha256', image.layers[0]!.digest.slice(7));
		const bytes = Buffer.from(readFileSync(layerPath));
		bytes.fill(0x41, 30, 80);
		writeFileSync(layerPath, bytes);
		void files;
		await expectOneLineError([layout], /^peel: layer 0 \(sha256:[0-9a-f]{12}\)/);
	});

	it('an unsupported manifest schema', async () => {
		const image = await goodImage();
		const layout = path.join(dir, 'schema1.layout');
		const schema1 = Buffer.from(JSON.stringify({schemaVersion: 1, name: 'x', tag: 'y', fsLayers: [], history: []}));
		const digest = `sha256:${createHash('sha256').update(schema1).digest('hex')}`;
		await writeOciLayout(layout, [], {
			extraManifests: [{mediaType: 'application/vnd.docker.distribution.manifest.v1+json', digest, size: schema1.length}],
			extraFiles: {[`blobs/sha256/${digest.slice(7)}`]: schema1},
		});
		void image;
		await expectOneLineError([layout], /legacy Docker schema 1 manifest/);
	});

	it('path traversal inside a layer', async () => {
		const evil = await buildImage({layers: [{entries: [{name: '../../../tmp/evil', content: 'x'}], compression: 'gzip'}]});
		const file = path.join(dir, 'traversal.tar');
		await writeOciArchive(file, [{image: evil, refName: 'evil'}]);
		await expectOneLineError([file], /points outside the image root/);
	});

	it('an ambiguous tag, an unknown tag and an unknown platform', async () => {
		const a = await goodImage();
		const b = await buildImage({layers: [{entries: [{name: 'b', content: 'b'}], compression: 'gzip'}]});
		const file = path.join(dir, 'two.tar');
		await writeDockerArchiveLegacy(file, [{image: a, repoTags: ['app:one']}, {image: b, repoTags: ['app:two']}]);
		await expectOneLineError([file], /holds 2 images; choose one with --tag: app:one, app:two/);
		await expectOneLineError([file, '--tag', 'three'], /no image tagged "three"; it has: app:one, app:two/);
		const layout = path.join(dir, 'platforms.layout');
		await writeOciLayout(layout, [{image: [a], refName: 'multi'}]);
		await expectOneLineError([layout, '--platform', 'linux/s390x'], /no image for platform linux\/s390x; available: linux\/amd64/);
		await expectOneLineError([layout, '--platform', 'linux'], /invalid --platform "linux"/);
	});

	it('a bad reference and a bad option', async () => {
		await expectOneLineError(['Foo/Bar:latest'], /./);
		await expectOneLineError([path.join(dir, 'x.tar'), '--nonsense'], /unknown option '--nonsense' \(see peel --help\)/i);
	});

	it('never modifies the image it reads, even when asked to write JSON over it', async () => {
		const file = path.join(dir, 'keep.tar');
		await writeDockerArchiveLegacy(file, [{image: await goodImage(), repoTags: ['keep:1']}]);
		const before = sha(file);
		const ok = await runPeel(['--json', path.join(dir, 'out.json'), file]);
		expect(ok.code, ok.stderr).toBe(0);
		const run = await runPeel(['--json', file, file]);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/would overwrite the image itself/);
		expect(sha(file)).toBe(before);
	});

	it('refuses the explorer without a terminal, suggesting --json or --ci', async () => {
		const file = path.join(dir, 'tty.tar');
		await writeDockerArchiveLegacy(file, [{image: await goodImage(), repoTags: ['tty:1']}]);
		const run = await runPeel([file]);
		expect(run.code).toBe(2);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stderr).toMatch(/--json.*--ci/);
	});
});
