import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {known, writeLookInside} from './image-fixture.js';
import {oneLineError, runPeelBytes} from './run-bytes.js';

const dir = tempDir('peel-ls-');
const hostTarget = path.join(dir, 'host-target');
let fixture: Awaited<ReturnType<typeof writeLookInside>>;
beforeAll(async () => {
	fixture = await writeLookInside(dir, hostTarget);
});
const peel = async (...args: string[]) => {
	const run = await runPeelBytes(args);
	return {...run, text: run.stdout.toString()};
};

describe('peel ls', () => {
	it('--layer 0 lists what GNU tar lists in layer 0: mode, owner, size, name, link', async () => {
		const run = await peel('ls', fixture.layout, '--layer', '0');
		expect(run.code, run.stderr).toBe(0);
		const ours = new Map(
			run.text
				.trimEnd()
				.split('\n')
				.slice(1) // the root, which the tar does not list
				.map(line => {
					const m = /^(\S+) (\d+):(\d+) +(\d+) +L(\d+) \/(.*?)(?: -> (.*)| link to \/(.*))?$/.exec(line)!;
					return [m[6]!, {mode: m[1], owner: `${m[2]}/${m[3]}`, size: Number(m[4]), layer: Number(m[5]), link: m[7] ?? m[8] ?? null}];
				}),
		);
		const tar = execFileSync('tar', ['-tvf', fixture.layerTars[0]!, '--numeric-owner'], {encoding: 'utf8'}).trimEnd().split('\n');
		expect(ours.size).toBe(tar.length);
		const modeOf = new Map(tar.map(line => [line.split(/\s+/)[5]!.replace(/\/$/, ''), line.split(' ')[0]!]));
		for (const line of tar) {
			const m = /^(\S+) (\d+\/\d+) +(\d+) \S+ \S+ (.*?)\/?(?: (?:->|link to) (.*))?$/.exec(line)!;
			const mine = ours.get(m[4]!);
			expect(mine, line).toBeDefined();
			const hardlink = m[1]!.startsWith('h');
			// tar stores neither bytes nor the mode for a hardlink; peel shows its inode's (its target's).
			const mode = hardlink ? `h${modeOf.get(m[5]!)!.slice(1)}` : m[1];
			expect({...mine, size: hardlink ? 0 : mine!.size}, line).toEqual({mode, owner: m[2], size: Number(m[3]), layer: 0, link: m[5] ?? null});
		}
	});

	it('--largest K: the K largest regular files of the final filesystem, as the fixture wrote them', async () => {
		const finalFiles: Array<[string, number]> = [
			['/usr/bin/sh', known.sh.length], ['/usr/bin/suid', 4], ['/etc/passwd', known.passwd.length], ['/etc/shadow', known.shadow.length],
			['/etc/hosts', known.hostsV2.length], ['/data/blob.bin', known.blob.length], ['/data/empty', 0], ['/usr/bin/late', Buffer.byteLength(known.late)],
			['/data/dup', known.dupLast.length], ['/opt/plain.txt', known.opt.length], [`${hostTarget}/pwned`, known.pwned.length],
		];
		const expected = finalFiles.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4);
		const run = await peel('ls', fixture.layout, '--largest', '4', '--json');
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.text) as Array<{path: string; size: number}>).map(f => [f.path, f.size])).toEqual(expected);
		const text = await peel('ls', fixture.layout, '--largest', '1');
		expect(text.text).toMatch(new RegExp(`^-rw-r--r-- 0:0 ${known.blob.length} L0 /data/blob.bin\\n$`));
	});

	it('PATH: a subtree; a trailing / follows a symlinked directory; --json has the fields of peel.files', async () => {
		const report = JSON.parse((await peel('--json', '-', fixture.layout)).text) as {peel: {files: Array<{path: string}>}};
		const json = JSON.parse((await peel('ls', fixture.layout, '/usr', '--json')).text) as Array<{path: string}>;
		expect(json).toEqual(report.peel.files.filter(f => f.path === '/usr' || f.path.startsWith('/usr/')));
		const link = await peel('ls', fixture.layout, '/bin');
		expect(link.text).toBe('lrwxrwxrwx 0:0 0 L0 /bin -> usr/bin\n');
		const followed = await peel('ls', fixture.layout, '/bin/');
		expect(followed.text.split('\n')[0]).toMatch(/^drwxr-xr-x 0:0 +0 +L\d \/usr\/bin$/);
		expect(oneLineError(await peel('ls', fixture.layout, '/nope'))).toMatch(/\/nope is not present at layer 3/);
		expect(oneLineError(await peel('ls', fixture.layout, '--largest', 'many'))).toMatch(/--largest wants a number of files/);
	});
});

describe('peel story', () => {
	it('one line per version: added, modified, removed by a whiteout; through a symlinked parent', async () => {
		const hosts = await peel('story', fixture.layout, '/etc/hosts');
		expect(hosts.code, hosts.stderr).toBe(0);
		const lines = hosts.text.trimEnd().split('\n');
		expect(lines[0]).toBe('/etc/hosts');
		expect(lines.slice(1).map(l => l.trim().split(/\s+/).slice(0, 5))).toEqual([
			['L0', 'added', '-rw-r--r--', '0:0', String(known.hostsV1.length)],
			['L1', 'modified', '-rw-r--r--', '0:0', String(known.hostsV2.length)],
		]);
		const gone = JSON.parse((await peel('story', fixture.layout, '/etc/gone', '--json')).text) as Array<Record<string, unknown>>;
		expect(gone.map(v => [v['layer'], v['change'], v['reason']])).toEqual([[0, 'added', null], [1, 'removed', 'whiteout']]);
		const late = await peel('story', fixture.layout, '/bin/late');
		expect(late.text.split('\n')[0]).toBe('/usr/bin/late');
		expect(oneLineError(await peel('story', fixture.layout, '/never/was'))).toMatch(/\/never\/was is in no layer of this image/);
	});
});
