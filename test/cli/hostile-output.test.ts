import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {fileEntry} from '../fixtures/archive-tar.js';
import {writeArchive, writeOciArchive} from '../fixtures/archives.js';
import {goJson, sha256Digest} from '../fixtures/go-json.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-hostile-');
let serial = 0;
const file = (name: string) => path.join(dir, `${serial++}-${name}`);

/** The image with its manifest rewritten (digest and size follow), e.g. to carry a hostile media type. */
function withManifest(image: BuiltImage, change: (manifest: any) => void): BuiltImage {
	const manifest = structuredClone(image.manifest);
	change(manifest);
	const manifestBytes = goJson(manifest, '  ');
	return {...image, manifest, manifestBytes, manifestDigest: sha256Digest(manifestBytes)};
}

/** The image with raw config text (too deep for JSON.stringify to build) and a manifest to match. */
function withConfigText(image: BuiltImage, text: string): BuiltImage {
	const configBytes = Buffer.from(text);
	const configDigest = sha256Digest(configBytes);
	const next = {...image, configBytes, configDigest};
	return withManifest(next, manifest => {
		manifest.config = {...manifest.config, digest: configDigest, size: configBytes.length};
	});
}

/** The contract for hostile text: one line on stderr, no control character, a bounded length. */
function expectOneHarmlessLine(stderr: string, maxLength = 1200): void {
	expect(stderr.endsWith('\n'), stderr).toBe(true);
	const line = stderr.slice(0, -1);
	expect(line.startsWith('peel: '), line).toBe(true);
	expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
	expect(line.length).toBeLessThanOrEqual(maxLength);
	expect(line).not.toMatch(/unexpected error|internal error|Maximum call stack|\n {4}at /);
}

let base: BuiltImage;
beforeAll(async () => {
	base = await buildImage({layers: [{entries: [{name: 'etc/hello', content: 'hello\n'}]}]});
});

describe('what an image says reaches stderr as one harmless line', () => {
	test('an archive entry name with a newline and a colour escape (a layer path in manifest.json)', async () => {
		const archive = file('docker.tar');
		const forged = 'layer.tar\n\x1b[32mpeel: all fine, exit 0';
		await writeArchive(archive, [
			fileEntry('manifest.json', JSON.stringify([{Config: 'config.json', RepoTags: ['x:1'], Layers: [forged]}])),
			fileEntry('config.json', base.configBytes),
		]);
		const run = await runPeel([archive, '--json', '-']);
		expect(run.code, run.stderr).toBe(2);
		expectOneHarmlessLine(run.stderr);
		expect(run.stderr).toContain('\\n\\x1b[32mpeel: all fine');
	});

	test('tag lists with newlines and escapes (--tag that is not there)', async () => {
		const archive = file('tags.tar');
		const other = await buildImage({layers: [{entries: [{name: 'b', content: 'b'}]}]});
		await writeOciArchive(archive, [
			{image: base, refName: 'one\n\x1b[2Jpeel: all fine'},
			{image: other, refName: 'two\r\u202eevil'},
		]);
		const run = await runPeel([archive, '--tag', 'nope', '--json', '-']);
		expect(run.code, run.stderr.slice(0, 2000)).toBe(2);
		expectOneHarmlessLine(run.stderr);
		expect(run.stderr).toMatch(/one\\n\\x1b\[2Jpeel: all fine|two\\r\\u202eevil/);
	});

	test('a 1 MB media type is cut, not echoed', async () => {
		const archive = file('media.tar');
		const huge = 'application/vnd.' + 'x\x1b'.repeat(512 * 1024);
		const image = withManifest(base, manifest => {
			manifest.layers[0].mediaType = huge;
		});
		await writeOciArchive(archive, [{image}]);
		const run = await runPeel([archive, '--json', '-']);
		expect(run.code, run.stderr.slice(0, 2000)).toBe(2);
		expectOneHarmlessLine(run.stderr);
	});

	test('a 10,000-deep history[].created: a report or one line, never a stack overflow', async () => {
		const archive = file('deep.tar');
		const depth = 10_000;
		const deep = '['.repeat(depth) + '"2024-01-02T03:04:05Z"' + ']'.repeat(depth);
		const text = base.configBytes.toString('utf8').replace('"history":[{', `"history":[{"created":${deep},`);
		expect(text).toContain(deep);
		await writeOciArchive(archive, [{image: withConfigText(base, text)}]);
		const run = await runPeel([archive, '--json', '-']);
		if (run.code === 0) JSON.parse(run.stdout);
		else {
			expect(run.code, run.stderr.slice(0, 2000)).toBe(2);
			expectOneHarmlessLine(run.stderr);
		}
	});
});

describe('the CI text escapes paths', () => {
	test('an inefficient file named with escapes shows them escaped, no ESC byte on stdout', async () => {
		const archive = file('ci.tar');
		const name = 'wasted\x1b[2J\n\x1b[32mResult:PASS';
		const image = await buildImage({
			layers: [{entries: [{name, content: 'x'.repeat(5000)}]}, {entries: [{name, content: 'y'.repeat(5000)}]}],
		});
		await writeOciArchive(archive, [{image}]);
		const run = await runPeel([archive, '--ci', '--highestWastedBytes', 'disabled', '--lowestEfficiency', 'disabled', '--highestUserWastedPercent', 'disabled', '--highestReclaimableBytes', 'disabled']);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
		expect(run.stdout).toContain('/wasted\\x1b[2J\\n\\x1b[32mResult:PASS');
		// The forged line did not become a line of its own.
		expect(run.stdout.split('\n').filter(line => line.startsWith('Result:'))).toHaveLength(1);
	});
});

describe('deep paths go through in loops', () => {
	test('a 1,000-component path (2 kB) is in the --json report whole', async () => {
		const archive = file('deep-path.tar');
		const deepPath = `${'a/'.repeat(999)}file`;
		const image = await buildImage({layers: [{entries: [{name: deepPath, content: 'deep'}]}]});
		await writeOciArchive(archive, [{image}]);
		const out = file('deep-path.json');
		const run = await runPeel([archive, '--json', out]);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(readFileSync(out, 'utf8'));
		const files = report.peel.files.map((f: {path: string}) => f.path);
		expect(files).toContain(`/${deepPath}`);
		// Every directory on the way, as the tar implies them.
		expect(files).toHaveLength(1000);
	});
});
