import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeOciArchive, writeOciLayout} from '../fixtures/archives.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {umociUnpackListing} from '../fixtures/umoci.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();

/** a: 1000 B, stored again unchanged in layer 1; b: 500 B added in layer 1, removed in layer 2. */
async function wastefulImage(): Promise<{file: string; image: BuiltImage}> {
	const image = await buildImage({
		layers: [
			{entries: [{name: 'a', content: 'a'.repeat(1000)}], createdBy: '/bin/sh -c #(nop) ADD a /'},
			{entries: [{name: 'a', content: 'a'.repeat(1000)}, {name: 'b', content: 'b'.repeat(500)}], createdBy: '/bin/sh -c touch a b'},
			{entries: [{name: '.wh.b', content: ''}], createdBy: '/bin/sh -c rm b'},
		],
		history: [
			{created_by: '/bin/sh -c #(nop) ADD a /'},
			{created_by: '/bin/sh -c #(nop) ENV X=1', empty_layer: true},
			{created_by: '/bin/sh -c touch a b'},
			{created_by: '/bin/sh -c rm b'},
		],
	});
	const file = path.join(dir, `waste-${Math.random().toString(36).slice(2)}.tar`);
	await writeOciArchive(file, [{image, refName: 'waste'}]);
	return {file, image};
}

describe('--json', () => {
	it('writes dive’s schema plus peel’s, with nulls for unknowns', async () => {
		const {file, image} = await wastefulImage();
		const run = await runPeel(['--json', '-', file]);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout);
		// dive's part: the exact figures follow from dive's formula on this image (see dive.md).
		expect(report.image).toEqual({
			sizeBytes: 2500,
			inefficientBytes: 2500,
			efficiencyScore: 1000 / 2500,
			fileReference: [
				{count: 2, sizeBytes: 2000, file: '/a'},
				{count: 2, sizeBytes: 500, file: '/b'},
			],
		});
		expect(report.layer.map((l: {digestId: string}) => l.digestId)).toEqual(image.layers.map(l => l.diffId));
		expect(report.layer[1].command).toBe('touch a b');
		expect(report.layer[1].fileList.map((f: {path: string}) => f.path)).toEqual(['a', 'b']);
		expect(report.layer[2].fileList[0]).toEqual({path: '.wh.b', typeFlag: 48, linkName: '', size: 0, fileMode: 0o644, uid: 0, gid: 0, isDir: false});
		// peel's part.
		const peel = report.peel;
		expect(peel.schemaVersion).toBe(1);
		expect(peel.image).toMatchObject({digest: image.manifestDigest, platform: 'linux/amd64', sizeBytes: 2500, reclaimableBytes: 1500, tags: ['waste']});
		expect(peel.image.userWastedPercent).toBeCloseTo(2500 / 1500, 10);
		expect(peel.image.compressedSizeBytes).toBe(image.layers.reduce((s, l) => s + l.size, 0));
		expect(peel.layers.map((l: {changes: unknown}) => l.changes)).toEqual([
			{added: 1, modified: 0, removed: 0, unchanged: 0},
			{added: 1, modified: 0, removed: 0, unchanged: 1},
			{added: 0, modified: 0, removed: 1, unchanged: 0},
		]);
		expect(peel.layers.map((l: {reclaimableBytes: number}) => l.reclaimableBytes)).toEqual([1000, 500, 0]);
		expect(peel.history.map((h: {layer: number | null; emptyLayer: boolean}) => [h.layer, h.emptyLayer])).toEqual([
			[0, false],
			[null, true],
			[1, false],
			[2, false],
		]);
		expect(peel.reclaimable).toEqual([
			{path: '/a', layer: 0, hiddenBy: 1, bytes: 1000, reason: 'rewritten-unchanged'},
			{path: '/b', layer: 1, hiddenBy: 2, bytes: 500, reason: 'removed'},
		]);
		expect(peel.files).toEqual([{path: '/a', type: 'file', size: 1000, mode: 0o644, uid: 0, gid: 0, linkTarget: null, layer: 1}]);
		expect(peel.history[0].comment).toBeNull();
	});

	it('lists the same final filesystem as umoci unpack', async () => {
		const image = await buildImage({
			layers: [
				{
					entries: [
						{name: 'usr/', type: 'directory'},
						{name: 'usr/bin/', type: 'directory'},
						{name: 'bin', type: 'symlink', linkname: 'usr/bin'},
						{name: 'usr/bin/tool', content: 'tool', mode: 0o755},
						{name: 'etc/', type: 'directory'},
						{name: 'etc/conf', content: 'one'},
						{name: 'var/cache/', type: 'directory'},
						{name: 'var/cache/x', content: 'x'},
						{name: 'opt/d/', type: 'directory'},
						{name: 'opt/d/old', content: 'old'},
					],
				},
				{
					entries: [
						{name: 'etc/conf', content: 'two', uid: 1000, gid: 1000},
						{name: 'etc/link', type: 'link', linkname: 'etc/conf'},
						{name: 'var/.wh.cache', content: ''},
						{name: 'opt/d/.wh..wh..opq', content: ''},
						{name: 'opt/d/new', content: 'new'},
						{name: 'usr/bin/more', content: 'more'},
					],
				},
			],
		});
		const layout = path.join(dir, 'umoci.layout');
		await writeOciLayout(layout, [{image, refName: 'cmp'}]);
		const run = await runPeel(['--json', '-', `oci://${layout}:cmp`]);
		expect(run.code, run.stderr).toBe(0);
		const peelFiles = new Map<string, {type: string; size: number; mode: number; uid: number; gid: number; linkTarget: string | null}>(
			JSON.parse(run.stdout).peel.files.map((f: {path: string}) => [f.path.slice(1), f]),
		);
		const umoci = await umociUnpackListing(layout, 'cmp');
		expect([...peelFiles.keys()].sort()).toEqual([...umoci.keys()].sort());
		for (const [p, u] of umoci) {
			const f = peelFiles.get(p)!;
			// A hardlink is a regular file to umoci; peel keeps it as a hardlink to its target.
			expect(f.type === 'hardlink' ? 'file' : f.type, p).toBe(u.type);
			expect({mode: f.mode & 0o7777, uid: f.uid, gid: f.gid}, p).toEqual({mode: u.mode & 0o7777, uid: u.uid, gid: u.gid});
			if (u.type === 'file') expect(f.size, p).toBe(u.size);
			if (u.type === 'symlink') expect(f.linkTarget, p).toBe(u.linkTarget);
		}
	});
});

describe('--json peel.config', () => {
	it('holds the config’s own values, sets as sorted keys, null where the config has none', async () => {
		const run = {
			Entrypoint: ['/usr/bin/tini', '--'],
			Cmd: ['python3', '-m', 'http.server', '8080'],
			Env: ['PATH=/usr/local/bin:/usr/bin', 'LANG=C.UTF-8'],
			WorkingDir: '/srv',
			User: '1000:1000',
			ExposedPorts: {'8080/tcp': {}, '53/udp': {}},
			Volumes: {'/var/lib/data': {}},
			Labels: {'org.opencontainers.image.source': 'https://example.test/app'},
			StopSignal: 'SIGINT',
			Healthcheck: {Test: ['CMD', 'true'], Interval: 30_000_000_000},
			Shell: ['/bin/bash', '-c'],
		};
		const image = await buildImage({layers: [{entries: [{name: 'srv/app.py', content: 'print(1)'}]}], config: run, platform: {os: 'linux', architecture: 'arm64', variant: 'v8'}});
		const file = path.join(dir, 'config.tar');
		await writeOciArchive(file, [{image, refName: 'cfg'}]);
		const report = await runPeel(['--json', '-', file]);
		expect(report.code, report.stderr).toBe(0);
		const want = image.config;
		expect(JSON.parse(report.stdout).peel.config).toEqual({
			digest: image.configDigest,
			entrypoint: want.config.Entrypoint,
			cmd: want.config.Cmd,
			env: want.config.Env,
			workingDir: '/srv',
			user: '1000:1000',
			exposedPorts: ['53/udp', '8080/tcp'],
			volumes: ['/var/lib/data'],
			labels: want.config.Labels,
			stopSignal: 'SIGINT',
			healthcheck: want.config.Healthcheck,
			shell: ['/bin/bash', '-c'],
			onBuild: null,
			os: 'linux',
			architecture: 'arm64',
			variant: 'v8',
			created: want.created,
			author: null,
		});
	});
});

describe('--ci', () => {
	it('applies .dive-ci rules with dive’s units and strict comparisons, plus highestReclaimableBytes', async () => {
		const {file} = await wastefulImage();
		writeFileSync(
			path.join(dir, '.dive-ci'),
			'rules:\n  lowestEfficiency: 0.3\n  highestWastedBytes: 2.5kB\n  highestUserWastedPercent: disabled\n  highestReclaimableBytes: 1KB\n',
		);
		const run = await runPeel(['--ci', file], {cwd: dir});
		expect(run.code, run.stderr).toBe(1);
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(/efficiency: 40\.0000 %/);
		expect(run.stdout).toMatch(/PASS: lowestEfficiency\n/);
		expect(run.stdout).toMatch(/PASS: highestWastedBytes\n/);
		expect(run.stdout).toMatch(/SKIP: highestUserWastedPercent: rule disabled/);
		expect(run.stdout).toMatch(/FAIL: highestReclaimableBytes: .*reclaimable-bytes=1500 > threshold=1000/);
		expect(run.stdout).toMatch(/Result:FAIL \[Total:4\] \[Passed:2\] \[Failed:1\] \[Warn:0\] \[Skipped:1\]/);
	});

	it('turns on with CI=true like dive, passes on dive’s defaults when figures allow, and does --json in the same run', async () => {
		const image = await buildImage({layers: [{entries: [{name: 'only', content: 'x'.repeat(100)}]}, {entries: [{name: 'other', content: 'y'}]}]});
		const file = path.join(dir, 'clean.tar');
		await writeOciArchive(file, [{image, refName: 'clean'}]);
		const out = path.join(dir, 'clean.json');
		const run = await runPeel(['--json', out, file], {env: {CI: 'true'}, cwd: dir + '/..'});
		expect(run.code, run.stdout + run.stderr).toBe(0);
		expect(run.stdout).toMatch(/Result:PASS/);
		expect(run.stdout).toMatch(/PASS: lowestEfficiency/);
		expect(JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')).image.efficiencyScore).toBe(1);
		const failing = await runPeel(['--ci', '--lowestEfficiency', '1.1', file], {cwd: dir + '/..'});
		expect(failing.code).toBe(1);
		expect(failing.stdout).toMatch(/FAIL: lowestEfficiency: image efficiency is too low/);
	});

	it('prints sizes as dive does (go-humanize SI rounding: 9,950 B → 10 kB, 12,500 B → 12 kB)', async () => {
		const image = await buildImage({
			layers: [
				{entries: [{name: 'big', content: 'x'.repeat(12_500)}, {name: 'mid', content: 'y'.repeat(9_950)}]},
				{entries: [{name: '.wh.big', content: ''}, {name: 'mid', content: 'z'}]},
			],
		});
		const file = path.join(dir, 'sizes.tar');
		await writeOciArchive(file, [{image, refName: 'sizes'}]);
		const run = await runPeel(['--ci', '--highestWastedBytes', 'disabled', '--lowestEfficiency', 'disabled', '--highestUserWastedPercent', 'disabled', file], {cwd: dir});
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(/^ +12 kB {2}layer \d → removed in layer \d {2}\/big$/m);
		expect(run.stdout).toMatch(/^ +10 kB {2}layer \d → overwritten in layer \d {2}\/mid$/m);
		expect(run.stdout).toMatch(/reclaimableBytes: 22450 bytes \(22 kB\)/);
	});

	it('reports a broken rules file in one line', async () => {
		const bad = path.join(dir, 'bad-ci.yml');
		writeFileSync(bad, 'rules:\n  highestWastedBytes: lots\n');
		const {file} = await wastefulImage();
		const run = await runPeel(['--ci', '--ci-config', bad, file]);
		expect(run.code).toBe(2);
		expect(run.stderr.trim()).toMatch(/^peel: .*highestWastedBytes "lots" is not a valid value/);
	});
});
