import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {pushBlob, pushManifest} from '../registry/support/push.js';
import {type RegistryServer, startRegistry} from '../registry/support/registry-server.js';
import {removeTempDirs} from '../registry/support/temp-dir.js';
import {type LayoutMutations, writeMutatedLayout} from './support/mutated-image.js';

const dir = tempDir('peel-documents-registry-');
let image: BuiltImage;
let registry: RegistryServer;
let counter = 0;

beforeAll(async () => {
	image = await buildImage({layers: [{entries: [{name: 'a', content: 'a'}]}, {entries: [{name: 'b', content: 'b'}]}]});
	registry = await startRegistry();
});

afterAll(async () => {
	await registry?.stop();
	await removeTempDirs();
});

/** Pushes the fixture with one document changed (the registry stores what it is given) and runs peel on it. */
async function pushed(mutations: LayoutMutations): Promise<string> {
	const repo = `docs/case${++counter}`;
	const written = await writeMutatedLayout(path.join(dir, repo), image, mutations);
	for (const [i, layer] of image.layers.entries()) await pushBlob(registry.url, repo, written.layers[i]!.digest, layer.blob);
	await pushBlob(registry.url, repo, written.configDigest, written.configBytes);
	await pushManifest(registry.url, repo, 'v1', written.manifestBytes, image.manifest.mediaType);
	return `${registry.host}/${repo}:v1`;
}

async function expectOneLine(reference: string, pattern: RegExp) {
	const run = await runPeel(['--json', '-', reference]);
	const lines = run.stderr.trimEnd().split('\n');
	expect(lines, run.stderr).toHaveLength(1);
	expect(run.code, run.stderr).toBe(2);
	expect(lines[0]).toMatch(/^peel: registry 127\.0\.0\.1:\d+: /);
	expect(lines[0]).not.toMatch(/unexpected error|internal error|is not a function|Cannot read properties/);
	expect(lines[0]).toMatch(pattern);
}

describe('documents from a registry: the config and manifest are checked like an archive\'s', () => {
	it('a config with a diff_id of the wrong type, and history that is not a list', async () => {
		await expectOneLine(await pushed({config: c => void (c.rootfs.diff_ids[0] = 7)}), /docs\/case\d+:v1 config sha256:[0-9a-f]{12}…: rootfs\.diff_ids\[0\] must be a string, found a number \(7\)/);
		await expectOneLine(await pushed({config: c => void (c.history = 'none')}), /config sha256:[0-9a-f]{12}…: history must be an array, found a string "none"/);
	});

	it('a config nested 10,000 deep', async () => {
		const deep = '['.repeat(10_000) + ']'.repeat(10_000);
		await expectOneLine(await pushed({config: c => Buffer.from(JSON.stringify(c).replace(/}$/, `,"x":${deep}}`))}), /config sha256:[0-9a-f]{12}… nests arrays or objects more than 100 deep/);
	});

	it('fewer diff_ids than layers', async () => {
		await expectOneLine(await pushed({config: c => void c.rootfs.diff_ids.pop()}), /lists 2 layers but its config has 1 diff_ids/);
	});

	it('a manifest whose layer size is negative (the registry stores it as is)', async () => {
		await expectOneLine(await pushed({manifest: m => void (m.layers[1].size = -1)}), /v1 \(manifest\): layers\[1\]\.size must be a whole number of bytes from 0 to 2\^53-1, found -1/);
	});

	it('null history and unknown fields are fine', async () => {
		const run = await runPeel(['--json', '-', await pushed({config: c => Object.assign(c, {history: null, extra: {a: [1, {b: null}]}})})]);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout).peel.layers).toHaveLength(2);
	});
});
