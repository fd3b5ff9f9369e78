import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeOciArchive, writeOciLayout} from '../fixtures/archives.js';
import {buildImage, DEFAULT_PATH_ENV, type BuiltImage, type LayerSpec} from '../fixtures/image.js';
import type {TarEntrySpec} from '../fixtures/tar.js';
import {umociUnpackListing} from '../fixtures/umoci.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {asUnpacked, expectedDifference} from './expected-diff.js';

const dir = tempDir('peel-diff-');
const HOSTILE = 'etc/evil\x1b[31mred\nline';

const base: TarEntrySpec[] = [
	{name: 'etc/', type: 'directory'},
	{name: 'etc/conf', content: 'one'},
	{name: 'etc/gone', content: 'bye'},
	{name: 'usr/', type: 'directory'},
	{name: 'usr/bin/', type: 'directory'},
	{name: 'usr/bin/tool', content: 'tool', mode: 0o755},
	{name: 'srv/', type: 'directory'},
	{name: 'srv/keep/', type: 'directory'},
	{name: 'srv/keep/data', content: 'data'},
	{name: 'srv/olddir/', type: 'directory'},
	{name: 'srv/olddir/x', content: 'x'},
	{name: 'srv/olddir/sub/', type: 'directory'},
	{name: 'srv/olddir/sub/y', content: 'y'},
	{name: 'app/', type: 'directory'},
	{name: 'app/chmod', content: 'same bytes'},
	{name: 'app/owner', content: 'owned'},
	{name: 'app/link', type: 'symlink', linkname: '../etc/conf'},
	{name: 'app/hard', type: 'link', linkname: 'etc/conf'},
	{name: 'opt/', type: 'directory'},
	{name: 'opt/thing/', type: 'directory'},
	{name: 'opt/thing/inside', content: 'in a directory that becomes a file'},
];

const oldTop: TarEntrySpec[] = [{name: 'app/version', content: '1.0'}, {name: 'app/big', content: 'b'.repeat(5000)}];

const newTop: TarEntrySpec[] = [
	{name: 'app/version', content: '2.0, longer'},
	{name: 'app/big', content: 'b'.repeat(1000)},
	{name: 'etc/.wh.gone', content: ''},
	{name: 'etc/new', content: 'a new file'},
	{name: HOSTILE, content: 'hostile name'},
	{name: 'app/chmod', content: 'same bytes', mode: 0o755},
	{name: 'app/owner', content: 'owned', uid: 1000, gid: 1000},
	{name: 'app/link', type: 'symlink', linkname: '../etc/new'},
	{name: 'srv/.wh.olddir', content: ''},
	{name: 'srv/newdir/', type: 'directory'},
	{name: 'srv/newdir/z', content: 'zzz'},
	{name: 'srv/keep/', type: 'directory', mode: 0o700},
	{name: 'opt/thing', content: 'now a file'},
	{name: 'usr/bin/tool', type: 'symlink', linkname: '../../etc/conf'},
];

async function image(layers: LayerSpec[], config: Record<string, unknown> = {}, platform?: {os: string; architecture: string; variant?: string}): Promise<BuiltImage> {
	return buildImage({layers, config, platform});
}

/** `peel diff --json -` on OLD and NEW; the parsed peelDiff. */
async function diffJson(args: string[]): Promise<any> {
	const run = await runPeel(['diff', '--json', '-', ...args]);
	expect(run.code, run.stderr).toBe(0);
	return JSON.parse(run.stdout).peelDiff;
}

describe('peel diff', () => {
	it('lists what umoci finds different between the two unpacked filesystems, and the shared base', async () => {
		const oldImage = await image([{entries: base}, {entries: oldTop}]);
		const newImage = await image([{entries: base}, {entries: newTop}]);
		const layout = path.join(dir, 'two.layout');
		await writeOciLayout(layout, [
			{image: oldImage, refName: 'old'},
			{image: newImage, refName: 'new'},
		]);
		const report = await diffJson([`oci://${layout}:old`, `oci://${layout}:new`]);

		const expected = expectedDifference(await umociUnpackListing(layout, 'old'), await umociUnpackListing(layout, 'new'));
		expect(asUnpacked(report.files)).toEqual(expected);
		// The fixture's intent, as a check on the check: each kind of change is there.
		const byPath = new Map(report.files.map((f: any) => [f.path, f]));
		expect(byPath.get('/app/chmod')).toMatchObject({change: 'modified', contentChanged: false, metadataChanged: true});
		expect(byPath.get('/app/link')).toMatchObject({change: 'modified', contentChanged: true, metadataChanged: false, old: {linkTarget: '../etc/conf'}, new: {linkTarget: '../etc/new'}});
		expect(byPath.get('/srv/olddir/sub/y')).toMatchObject({change: 'removed', new: null});
		expect(byPath.get('/srv/keep')).toMatchObject({change: 'modified', metadataChanged: true, old: {mode: 0o755}, new: {mode: 0o700}});
		expect(byPath.get(`/${HOSTILE}`)).toMatchObject({change: 'added'});
		expect(byPath.get('/opt/thing')).toMatchObject({change: 'modified', contentChanged: true, old: {type: 'dir'}, new: {type: 'file'}});
		expect(byPath.get('/opt/thing/inside')).toMatchObject({change: 'removed'});
		expect(byPath.get('/usr/bin/tool')).toMatchObject({change: 'modified', contentChanged: true, old: {type: 'file'}, new: {type: 'symlink'}});
		// Depth first in name order: compared component by component.
		const components = (p: string) => p.split('/');
		const depthFirst = (x: string, y: string) => {
			const [a, b] = [components(x), components(y)];
			for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
			return a.length - b.length;
		};
		const paths = report.files.map((f: any) => f.path as string);
		expect(paths).toEqual([...paths].sort(depthFirst));
		expect(paths.indexOf('/srv/keep')).toBeLessThan(paths.indexOf('/srv/newdir'));
		// Directories only when they themselves differ.
		expect(byPath.has('/app')).toBe(false);
		expect(byPath.has('/etc')).toBe(false);

		expect(report.sharedLayers).toBe(1);
		expect(report.layers).toEqual([
			{diffId: oldImage.layers[0]!.diffId, oldIndex: 0, newIndex: 0, sizeBytes: expect.any(Number), oldBlobDigest: oldImage.layers[0]!.digest, newBlobDigest: newImage.layers[0]!.digest, blobShared: true},
			{diffId: oldImage.layers[1]!.diffId, oldIndex: 1, newIndex: null, sizeBytes: expect.any(Number), oldBlobDigest: oldImage.layers[1]!.digest, newBlobDigest: null, blobShared: false},
			{diffId: newImage.layers[1]!.diffId, oldIndex: null, newIndex: 1, sizeBytes: expect.any(Number), oldBlobDigest: null, newBlobDigest: newImage.layers[1]!.digest, blobShared: false},
		]);
		expect(report.pullBytes).toBe(newImage.layers[1]!.size);
		expect(report.old).toMatchObject({digest: oldImage.manifestDigest, platform: 'linux/amd64', layerCount: 2, compressedSizeBytes: oldImage.layers[0]!.size + oldImage.layers[1]!.size});
		expect(report.new).toMatchObject({digest: newImage.manifestDigest, layerCount: 2});
		// Non-directories of the unpacked NEW root.
		const unpackedNew = await umociUnpackListing(layout, 'new');
		expect(report.new.fileCount).toBe([...unpackedNew.values()].filter(f => f.type !== 'dir').length);
		expect(report.config).toEqual({});

		// Mixed inputs: the same images from an OCI archive on one side give the same comparison.
		const archive = path.join(dir, 'old.tar');
		await writeOciArchive(archive, [{image: oldImage, refName: 'old'}]);
		const mixed = await diffJson([archive, `oci://${layout}:new`]);
		expect({...mixed, old: {...mixed.old, reference: null}}).toEqual({...report, old: {...report.old, reference: null}});
	});

	it('text report on a pipe: totals, shared layers, largest deltas, config; image strings escaped', async () => {
		const oldImage = await image([{entries: base}, {entries: oldTop}], {User: 'root'});
		const newImage = await image([{entries: base}, {entries: newTop}], {User: 'app\x1b]0;pwned\x07'});
		const layout = path.join(dir, 'text.layout');
		await writeOciLayout(layout, [
			{image: oldImage, refName: 'old'},
			{image: newImage, refName: 'new'},
		]);
		const run = await runPeel(['diff', `oci://${layout}:old`, `oci://${layout}:new`]);
		expect(run.code, run.stderr).toBe(0);
		const text = run.stdout;
		expect(text).toContain('shared layers: 1');
		expect(text).toContain('etc/evil\\x1b[31mred\\nline');
		expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
		expect(text).toMatch(/−4\.0 kB\s+content\s+\/app\/big/);
		expect(text).toContain('User: "root" → "app\\\\u001b]0;pwned\\\\u0007"');
		expect(text).toMatch(/pull over old: .* in 1 layer; 1 already exist/);
	});

	it('the same content compressed otherwise: same diff_id, not the same blob, downloaded again', async () => {
		const oldImage = await image([{entries: base, compression: 'gzip'}, {entries: oldTop, compression: 'gzip'}]);
		const newImage = await image([{entries: base, compression: 'zstd'}, {entries: oldTop, compression: 'none'}]);
		expect(newImage.layers.map(l => l.diffId)).toEqual(oldImage.layers.map(l => l.diffId));
		const layout = path.join(dir, 'recompressed.layout');
		await writeOciLayout(layout, [
			{image: oldImage, refName: 'old'},
			{image: newImage, refName: 'new'},
		]);
		const report = await diffJson([`oci://${layout}:old`, `oci://${layout}:new`]);
		expect(report.sharedLayers).toBe(2);
		expect(report.layers.map((l: any) => [l.oldIndex, l.newIndex, l.oldBlobDigest, l.newBlobDigest, l.blobShared])).toEqual(
			oldImage.layers.map((l, i) => [i, i, l.digest, newImage.layers[i]!.digest, false]),
		);
		expect(report.pullBytes).toBe(newImage.layers[0]!.size + newImage.layers[1]!.size);
		expect(report.new.compressedSizeBytes).toBe(report.pullBytes);
		expect(report.files).toEqual([]);
		expect(report.old.sizeBytes).toBe(report.new.sizeBytes);
	});

	it('two platforms of one index, picked per side; equal to umoci on each platform image', async () => {
		const common: TarEntrySpec[] = [{name: 'etc/', type: 'directory'}, {name: 'etc/os-release', content: 'ID=test'}];
		const amd = await image([{entries: common}, {entries: [{name: 'bin/', type: 'directory'}, {name: 'bin/tool', content: 'x86 code', mode: 0o755}]}], {}, {os: 'linux', architecture: 'amd64'});
		const arm = await image(
			[{entries: common}, {entries: [{name: 'bin/', type: 'directory'}, {name: 'bin/tool', content: 'arm64 code!', mode: 0o755}, {name: 'bin/arm-only', content: 'a'}]}],
			{},
			{os: 'linux', architecture: 'arm64'},
		);
		const multi = path.join(dir, 'multi.layout');
		await writeOciLayout(multi, [{image: [amd, arm], refName: 'multi'}]);
		const report = await diffJson(['--old-platform', 'linux/amd64', '--new-platform', 'linux/arm64', `oci://${multi}:multi`, `oci://${multi}:multi`]);
		expect(report.old.platform).toBe('linux/amd64');
		expect(report.new.platform).toBe('linux/arm64');
		expect(report.config).toEqual({architecture: {old: 'amd64', new: 'arm64'}});
		expect(report.sharedLayers).toBe(1);
		// umoci on each platform's image alone.
		const single = path.join(dir, 'single.layout');
		await writeOciLayout(single, [
			{image: amd, refName: 'amd'},
			{image: arm, refName: 'arm'},
		]);
		expect(asUnpacked(report.files)).toEqual(expectedDifference(await umociUnpackListing(single, 'amd'), await umociUnpackListing(single, 'arm')));
		expect(report.files.map((f: any) => [f.path, f.change])).toEqual([
			['/bin/arm-only', 'added'],
			['/bin/tool', 'modified'],
		]);
		// --platform applies to both sides: the same image, no difference.
		const same = await diffJson(['--platform', 'linux/arm64', `oci://${multi}:multi`, `oci://${multi}:multi`]);
		expect(same.files).toEqual([]);
		expect(same.config).toEqual({});
		expect(same.pullBytes).toBe(0);
	});

	it('a config-only change: the fields that differ, raw, null where absent; no files, nothing to pull', async () => {
		const layers: LayerSpec[] = [{entries: base}];
		const same = {WorkingDir: '/app', Volumes: {'/data': {}}, Shell: ['/bin/sh', '-c']};
		const oldImage = await image(layers, {...same, Cmd: ['/app/run'], User: 'root', Labels: {a: '1', keep: 'k'}, ExposedPorts: {'80/tcp': {}}, Healthcheck: {Test: ['CMD', 'true'], Interval: 30e9}});
		const newImage = await image(layers, {
			...same,
			Env: [DEFAULT_PATH_ENV, 'MODE=prod'],
			Cmd: ['/app/run', '--fast'],
			Labels: {a: '2', keep: 'k'},
			ExposedPorts: {'80/tcp': {}, '443/tcp': {}},
			Healthcheck: {Test: ['CMD', 'true'], Interval: 10e9},
			StopSignal: 'SIGQUIT',
		});
		const layout = path.join(dir, 'config.layout');
		await writeOciLayout(layout, [
			{image: oldImage, refName: 'old'},
			{image: newImage, refName: 'new'},
		]);
		const report = await diffJson([`oci://${layout}:old`, `oci://${layout}:new`]);
		expect(report.config).toEqual({
			Env: {old: [DEFAULT_PATH_ENV], new: [DEFAULT_PATH_ENV, 'MODE=prod']},
			Cmd: {old: ['/app/run'], new: ['/app/run', '--fast']},
			User: {old: 'root', new: null},
			Labels: {old: {a: '1', keep: 'k'}, new: {a: '2', keep: 'k'}},
			ExposedPorts: {old: {'80/tcp': {}}, new: {'80/tcp': {}, '443/tcp': {}}},
			StopSignal: {old: null, new: 'SIGQUIT'},
			Healthcheck: {old: {Test: ['CMD', 'true'], Interval: 30e9}, new: {Test: ['CMD', 'true'], Interval: 10e9}},
		});
		expect(report.files).toEqual([]);
		expect(report.pullBytes).toBe(0);
		expect(report.sharedLayers).toBe(1);
		expect(report.layers).toEqual([
			{diffId: oldImage.layers[0]!.diffId, oldIndex: 0, newIndex: 0, sizeBytes: expect.any(Number), oldBlobDigest: oldImage.layers[0]!.digest, newBlobDigest: oldImage.layers[0]!.digest, blobShared: true},
		]);
	});
});

describe('peel diff --ci', () => {
	const images = (async () => {
		const oldImage = await image([{entries: base}, {entries: oldTop}]);
		const newImage = await image([{entries: base}, {entries: [...newTop, {name: 'app/huge', content: 'h'.repeat(20_000)}]}]);
		const layout = path.join(dir, 'ci.layout');
		await writeOciLayout(layout, [
			{image: oldImage, refName: 'old'},
			{image: newImage, refName: 'new'},
		]);
		return {layout, oldImage, newImage};
	})();

	it('judges growth, pull bytes and added files from flags; a regression exits 1', async () => {
		const {layout, newImage} = await images;
		const pull = newImage.layers[1]!.size;
		const run = await runPeel([
			'diff',
			'--ci',
			'--highestGrowthBytes',
			'1MB',
			'--highestPullBytes',
			String(pull - 1),
			'--highestAddedFiles',
			'disabled',
			`oci://${layout}:old`,
			`oci://${layout}:new`,
		]);
		expect(run.code, run.stderr).toBe(1);
		const lines = run.stdout.trimEnd().split('\n');
		expect(lines).toContain('  PASS: highestGrowthBytes');
		expect(lines).toContain('  SKIP: highestGrowthPercent: rule disabled');
		expect(lines).toContain(`  FAIL: highestPullBytes: pulling NEW over OLD downloads too much (pull-bytes=${pull} > threshold=${pull - 1})`);
		expect(lines).toContain('  SKIP: highestAddedFiles: rule disabled');
		expect(lines.at(-1)).toBe('verdict: regression reason=highestPullBytes');
		// Equal passes, as in dive's rules.
		const equal = await runPeel(['diff', '--ci', '--highestPullBytes', String(pull), `oci://${layout}:old`, `oci://${layout}:new`]);
		expect(equal.code, equal.stderr).toBe(0);
		expect(equal.stdout.trimEnd().split('\n').at(-1)).toBe('verdict: ok');
	});

	it('reads the diff: section of .dive-ci (units, disabled), flags override it; CI=true turns it on', async () => {
		const {layout} = await images;
		const cwd = path.join(dir, 'ci-cwd');
		mkdirSync(cwd);
		writeFileSync(path.join(cwd, '.dive-ci'), 'rules:\n  lowestEfficiency: 0.5\ndiff:\n  highestGrowthPercent: 0.01\n  highestAddedFiles: 3\n  highestGrowthBytes: 1KiB\n  highestPullBytes: disabled\n');
		const run = await runPeel(['diff', `oci://${layout}:old`, `oci://${layout}:new`], {cwd, env: {CI: 'true'}});
		expect(run.code, run.stderr).toBe(1);
		const lines = run.stdout.trimEnd().split('\n');
		// NEW adds etc/new, the hostile name, srv/newdir/z and app/huge: 4 files (srv/newdir is a directory).
		expect(lines).toContain('  FAIL: highestAddedFiles: too many files added (added-files=4 > threshold=3)');
		expect(lines.find(l => l.startsWith('  FAIL: highestGrowthBytes'))).toMatch(/threshold=1024\)$/);
		expect(lines.find(l => l.startsWith('  FAIL: highestGrowthPercent'))).toBeDefined();
		expect(lines).toContain('  SKIP: highestPullBytes: rule disabled');
		expect(lines.at(-1)).toBe('verdict: regression reason=highestGrowthBytes,highestGrowthPercent,highestAddedFiles');
		const overridden = await runPeel(
			['diff', '--ci', '--highestAddedFiles', '4', '--highestGrowthBytes', 'off', '--highestGrowthPercent', '10', `oci://${layout}:old`, `oci://${layout}:new`],
			{cwd},
		);
		expect(overridden.code, overridden.stderr).toBe(0);
		expect(overridden.stdout.trimEnd().split('\n').at(-1)).toBe('verdict: ok');
	});

	it('bad input: one line on stderr, exit 2', async () => {
		const {layout} = await images;
		const cases: Array<{args: string[]; says: RegExp; cwd?: string}> = [
			{args: ['diff', `oci://${layout}:old`], says: /compares two images, got 1/},
			{args: ['diff', '--ci', '--highestPullBytes', 'lots', `oci://${layout}:old`, `oci://${layout}:new`], says: /highestPullBytes "lots" is not a valid value/},
			{args: ['diff', `oci://${layout}:old`, path.join(dir, 'missing.tar')], says: /no such file or directory/},
			{args: ['diff', '--old-platform', 'linux', `oci://${layout}:old`, `oci://${layout}:new`], says: /invalid --platform "linux"/},
			{args: ['diff', '--bogus', `oci://${layout}:old`, `oci://${layout}:new`], says: /see peel diff --help/},
		];
		const badConfig = path.join(dir, 'bad-ci');
		mkdirSync(badConfig);
		writeFileSync(path.join(badConfig, '.dive-ci'), 'diff:\n  highestPulBytes: 1MB\n');
		cases.push({args: ['diff', '--ci', `oci://${layout}:old`, `oci://${layout}:new`], says: /unknown rule "highestPulBytes" under diff:/, cwd: badConfig});
		for (const c of cases) {
			const run = await runPeel(c.args, {cwd: c.cwd});
			expect(run.code, `${c.args.join(' ')}: ${run.stderr}`).toBe(2);
			expect(run.stderr).toMatch(c.says);
			expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
			expect(run.stderr).toMatch(/^peel: /);
		}
	});
});

describe('peel diff --json FILE', () => {
	it('writes the file atomically and refuses to overwrite an input', async () => {
		const oldImage = await image([{entries: base}]);
		const newImage = await image([{entries: base}, {entries: oldTop}]);
		const oldTar = path.join(dir, 'in-old.tar');
		const newTar = path.join(dir, 'in-new.tar');
		await writeOciArchive(oldTar, [{image: oldImage, refName: 'old'}]);
		await writeOciArchive(newTar, [{image: newImage, refName: 'new'}]);
		const before = readFileSync(newTar);
		const refused = await runPeel(['diff', '--json', newTar, oldTar, newTar]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/would overwrite the image itself/);
		expect(readFileSync(newTar).equals(before)).toBe(true);

		const out = path.join(dir, 'diff.json');
		const run = await runPeel(['diff', '--json', out, oldTar, newTar]);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toBe('');
		const report = JSON.parse(readFileSync(out, 'utf8')).peelDiff;
		expect(report.schemaVersion).toBe(1);
		expect(Object.keys(report)).toEqual(['schemaVersion', 'old', 'new', 'sharedLayers', 'layers', 'pullBytes', 'files', 'config']);
		expect(Object.keys(report.old)).toEqual(['reference', 'digest', 'platform', 'sizeBytes', 'compressedSizeBytes', 'layerCount', 'fileCount', 'efficiencyScore', 'reclaimableBytes']);
		expect(report.files.map((f: any) => [f.path, f.change])).toEqual([
			['/app/big', 'added'],
			['/app/version', 'added'],
		]);
	});
});
