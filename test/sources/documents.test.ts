import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {type Json, type LayoutMutations, writeCraneWithConfig, writeMutatedCrane, writeMutatedLayout} from './support/mutated-image.js';

const dir = tempDir('peel-documents-');
let image: BuiltImage;
let counter = 0;

beforeAll(async () => {
	image = await buildImage({
		layers: [
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/hosts', content: 'x'.repeat(3000)}], compression: 'gzip'},
			{entries: [{name: 'app', content: 'app'}], compression: 'gzip'},
			{entries: [{name: 'data', content: 'data'}], compression: 'zstd'},
		],
	});
});

/** Exit 2, nothing on stdout, exactly one stderr line matching `pattern`, no bug report, no stack trace. */
async function expectOneLine(target: string, pattern: RegExp): Promise<string> {
	const run = await runPeel(['--json', '-', target]);
	const lines = run.stderr.trimEnd().split('\n');
	expect(lines, run.stderr).toHaveLength(1);
	expect(run.code, run.stderr).toBe(2);
	expect(run.stdout).toBe('');
	expect(lines[0]).toMatch(/^peel: /);
	expect(lines[0]).not.toMatch(/unexpected error|internal error|TypeError|is not a function|Cannot read properties/);
	expect(lines[0]).toMatch(pattern);
	return lines[0]!;
}

async function layout(mutations: LayoutMutations): Promise<string> {
	const target = path.join(dir, `layout-${++counter}`);
	await writeMutatedLayout(target, image, mutations);
	return target;
}

/** `[[[…]]]` `depth` deep, as bytes: JSON.stringify itself cannot build it. */
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('the unchanged fixtures open (the mutations below are the only thing wrong)', () => {
	it('an OCI layout and a crane tarball written by the test helpers', async () => {
		for (const target of [await layout({}), await (async () => {
			const file = path.join(dir, 'plain-crane.tar');
			await writeMutatedCrane(file, image, () => {});
			return file;
		})()]) {
			const run = await runPeel(['--json', '-', target]);
			expect(run.code, run.stderr).toBe(0);
			expect(JSON.parse(run.stdout).peel.layers).toHaveLength(3);
		}
	});
});

describe('image config: which file, which field, what is wrong', () => {
	const config = (change: (c: Json) => void | Buffer) => layout({config: change});

	it('a diff_id of the wrong type, null diff_ids entry, and a diff_id that is no digest', async () => {
		await expectOneLine(await config(c => void (c.rootfs.diff_ids[1] = 7)), /blobs\/sha256\/[0-9a-f]{12}… \(image config\): rootfs\.diff_ids\[1\] must be a string, found a number \(7\)/);
		await expectOneLine(await config(c => void (c.rootfs.diff_ids[0] = null)), /rootfs\.diff_ids\[0\] must be a string, found null/);
		await expectOneLine(await config(c => void (c.rootfs.diff_ids[2] = 'sha256:xyz')), /rootfs\.diff_ids\[2\] is an invalid digest "sha256:xyz"/);
		await expectOneLine(await config(c => void (c.rootfs.diff_ids = 'sha256:abc')), /rootfs\.diff_ids must be an array, found a string "sha256:abc"/);
	});

	it('history entries: created_by must be a string, empty_layer a boolean, entries objects', async () => {
		await expectOneLine(await config(c => void (c.history[0].created_by = 42)), /\(image config\): history\[0\]\.created_by must be a string, found a number \(42\)/);
		await expectOneLine(await config(c => void (c.history[1].empty_layer = 'yes')), /history\[1\]\.empty_layer must be true or false, found a string "yes"/);
		await expectOneLine(await config(c => void (c.history[2] = null)), /history\[2\] must be an object, found null/);
	});

	it('os, architecture and the container settings', async () => {
		await expectOneLine(await config(c => void (c.os = ['linux'])), /\(image config\): os must be a string, found an array/);
		await expectOneLine(await config(c => void (c.config.Env = 'PATH=/bin')), /config\.Env must be an array, found a string "PATH=\/bin"/);
		await expectOneLine(await config(c => void (c.config.Labels = {ok: 'x', bad: 1})), /config\.Labels\["bad"\] must be a string, found a number \(1\)/);
		await expectOneLine(await config(() => Buffer.from('[1, 2]')), /\(image config\): the document must be an object, found an array/);
	});

	it('escapes what the image put into a value (control characters, length)', async () => {
		const line = await expectOneLine(await config(c => void (c.rootfs.diff_ids[0] = `\u001b[31mred\n${'z'.repeat(500)}`)), /rootfs\.diff_ids\[0\] is an invalid digest "\\x1b\[31mred\\nz+…"/);
		expect(line).not.toContain('\u001b');
		expect(line.length).toBeLessThan(400);
	});

	it('is lenient where real images are: unknown fields, null history, missing optional fields, null Labels', async () => {
		const target = await config(c => {
			c.history = null;
			c.unknownField = {nested: [1, 2, {deeper: true}]};
			c.config.Labels = null;
			delete c.created;
			delete c.config.Env;
		});
		const run = await runPeel(['--json', '-', target]);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout);
		expect(report.peel.history).toEqual([]);
		expect(report.peel.warnings.join('\n')).toMatch(/no history/);
	});

	it('refuses JSON nested 10,000 deep before parsing, and a config over 16 MiB before reading it', async () => {
		const deep = await config(c => Buffer.from(JSON.stringify(c).replace(/}$/, `,"x":${deepArray(10_000)}}`)));
		await expectOneLine(deep, /\(image config\) nests arrays or objects more than 100 deep/);
		const huge = await config(c => Buffer.from(JSON.stringify({...c, padding: 'p'.repeat(17 * 1024 * 1024)})));
		await expectOneLine(huge, /\(image config\) is \d+ bytes, more than the 16777216 bytes peel reads for it/);
	});

	it('not JSON at all, with the parser message escaped', async () => {
		const line = await expectOneLine(await config(() => Buffer.from('{"os": "linux",\u001b]0;pwned\u0007')), /\(image config\) is not valid JSON \(/);
		expect(line).not.toMatch(/[\u0000-\u001f]/);
	});
});

describe('image manifest: descriptors, sizes and digests', () => {
	const manifest = (change: (m: Json) => void | Buffer) => layout({manifest: change});

	it('config.size negative, fractional, beyond 2^53, a string, missing', async () => {
		await expectOneLine(await manifest(m => void (m.config.size = -1)), /\(manifest\): config\.size must be a whole number of bytes from 0 to 2\^53-1, found -1/);
		await expectOneLine(await manifest(m => void (m.config.size = 10.5)), /config\.size must be a whole number of bytes .*found 10\.5/);
		await expectOneLine(await manifest(m => Buffer.from(JSON.stringify(m).replace(/("config":\{[^}]*"size":)\d+/, '$19007199254740993'))), /config\.size must be a whole number of bytes .*found 9007199254740992/);
		await expectOneLine(await manifest(m => void (m.config.size = '12')), /config\.size must be a number of bytes, found a string "12"/);
		await expectOneLine(await manifest(m => void delete m.config.size), /config\.size is missing \(it must be a number of bytes\)/);
	});

	it('a size that does not match the bytes: config and layer', async () => {
		await expectOneLine(await manifest(m => void (m.config.size += 1)), /\(image config\) is \d+ bytes, but the manifest's config\.size says \d+/);
		await expectOneLine(await manifest(m => void (m.layers[1].size -= 1)), /layer 1 \(sha256:[0-9a-f]{64}\) is \d+ bytes, but the manifest's layers\[1\]\.size says \d+/);
	});

	it('layers of the wrong type, a layer descriptor that is null, a layer digest that is a path', async () => {
		await expectOneLine(await manifest(m => void (m.layers = {})), /\(manifest\): layers must be an array, found an object/);
		await expectOneLine(await manifest(m => void (m.layers[2] = null)), /\(manifest\): layers\[2\] must be an object, found null/);
		await expectOneLine(await manifest(m => void (m.layers[0].digest = 'sha256:../../../etc/passwd')), /layers\[0\]\.digest is an invalid digest "sha256:\.\.\/\.\.\/\.\.\/etc\/passwd"/);
		await expectOneLine(await manifest(m => void (m.layers[0].mediaType = 5)), /layers\[0\]\.mediaType must be a string, found a number \(5\)/);
		await expectOneLine(await manifest(m => void (m.layers[0].annotations = {a: null})), /layers\[0\]\.annotations\["a"\] must be a string, found null/);
	});

	it('a deep manifest and a manifest over 4 MiB', async () => {
		await expectOneLine(await manifest(m => Buffer.from(JSON.stringify(m).replace(/}$/, `,"x":${deepArray(10_000)}}`))), /\(manifest\) nests arrays or objects more than 100 deep/);
		await expectOneLine(await manifest(m => Buffer.from(JSON.stringify({...m, pad: 'p'.repeat(5 * 1024 * 1024)}))), /\(manifest\) is \d+ bytes, more than the 4194304 bytes peel reads for it/);
	});
});

describe('index.json', () => {
	const index = (change: (i: Json) => void | Buffer) => layout({index: change});

	it('manifests of the wrong type, a descriptor without a digest, a size that does not match', async () => {
		await expectOneLine(await index(i => void (i.manifests = 'all')), /index\.json: manifests must be an array, found a string "all"/);
		await expectOneLine(await index(i => void delete i.manifests[0].digest), /index\.json: manifests\[0\]\.digest is missing/);
		await expectOneLine(await index(i => void (i.manifests[0].size = 1)), /\(manifest\) is \d+ bytes, but index\.json's manifests\[0\]\.size says 1/);
		await expectOneLine(await index(i => void (i.manifests[0].platform = {os: 1})), /index\.json: manifests\[0\]\.platform\.os must be a string, found a number \(1\)/);
		await expectOneLine(await index(() => Buffer.from('null')), /index\.json: the document must be an object, found null/);
	});

	it('deep and huge', async () => {
		await expectOneLine(await index(() => Buffer.from(deepArray(10_000))), /index\.json nests arrays or objects more than 100 deep/);
		await expectOneLine(await index(i => Buffer.from(JSON.stringify({...i, pad: 'p'.repeat(4 * 1024 * 1024)}))), /index\.json is \d+ bytes, more than the 4194304 bytes/);
	});

	it('oci-layout of the wrong shape', async () => {
		const target = await layout({});
		writeFileSync(path.join(target, 'oci-layout'), '{"imageLayoutVersion": 1}');
		await expectOneLine(target, /oci-layout: imageLayoutVersion must be a string, found a number \(1\)/);
	});
});

describe('docker-archive manifest.json', () => {
	const crane = async (change: (m: Json) => void | Buffer) => {
		const file = path.join(dir, `crane-${++counter}.tar`);
		await writeMutatedCrane(file, image, change);
		return file;
	};

	it('the field that is wrong, by position', async () => {
		await expectOneLine(await crane(m => void (m[0].Layers[2] = 3)), /manifest\.json: \[0\]\.Layers\[2\] must be a string, found a number \(3\)/);
		await expectOneLine(await crane(m => void (m[0].Config = null)), /manifest\.json: \[0\]\.Config must be a string, found null/);
		await expectOneLine(await crane(m => void (m[0].RepoTags = 'app:v1')), /manifest\.json: \[0\]\.RepoTags must be an array, found a string "app:v1"/);
		await expectOneLine(await crane(m => Buffer.from(JSON.stringify(m[0]))), /manifest\.json: the document must be an array, found an object/);
		await expectOneLine(await crane(m => void m.push(7)), /manifest\.json: \[1\] must be an object, found a number \(7\)/);
		await expectOneLine(await crane(() => Buffer.from(deepArray(10_000))), /manifest\.json nests arrays or objects more than 100 deep/);
	});

	it('a config that is not an object, and one with a bad history entry', async () => {
		const file = path.join(dir, `crane-config-${++counter}.tar`);
		await writeCraneWithConfig(file, image, c => void (c.history[0].comment = {text: 'x'}));
		await expectOneLine(file, /\(image config\): history\[0\]\.comment must be a string, found an object/);
		await writeCraneWithConfig(file, image, () => Buffer.from('"just a string"'));
		await expectOneLine(file, /\(image config\): the document must be an object, found a string "just a string"/);
	});

	it('RepoTags null and no LayerSources are fine (Docker writes both)', async () => {
		const run = await runPeel(['--json', '-', await crane(m => void (m[0].RepoTags = null))]);
		expect(run.code, run.stderr).toBe(0);
	});
});
