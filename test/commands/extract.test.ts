import {createHash} from 'node:crypto';
import {existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {umociUnpackListing, type UmociFile} from '../fixtures/umoci.js';
import {tempDir} from '../helpers/temp-dir.js';
import {known, writeLookInside} from './image-fixture.js';
import {oneLineError, runPeelBytes} from './run-bytes.js';

const dir = tempDir('peel-extract-');
const hostTarget = path.join(dir, 'host-target');
let fixture: Awaited<ReturnType<typeof writeLookInside>>;
beforeAll(async () => {
	fixture = await writeLookInside(dir, hostTarget);
	mkdirSync(hostTarget);
});

const extract = (...args: string[]) => runPeelBytes(['extract', fixture.layout, ...args]);
let n = 0;
const fresh = () => path.join(dir, `out-${n++}`);

/** The same fields umociUnpackListing gives, for a tree peel wrote. */
function listing(root: string): Map<string, Omit<UmociFile, 'uid' | 'gid' | 'xattrs'>> {
	const out = new Map<string, Omit<UmociFile, 'uid' | 'gid' | 'xattrs'>>();
	const walk = (rel: string) => {
		for (const name of readdirSync(path.join(root, rel)).sort()) {
			const p = rel ? `${rel}/${name}` : name;
			const full = path.join(root, p);
			const s = lstatSync(full);
			const type = s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : 'socket';
			out.set(p, {
				type,
				size: type === 'dir' ? 0 : s.size,
				mode: s.mode & 0o7777,
				linkTarget: type === 'symlink' ? readlinkSync(full) : null,
				nlink: s.nlink,
				inode: s.ino,
				...(type === 'file' ? {sha256: createHash('sha256').update(readFileSync(full)).digest('hex')} : {}),
			});
			if (type === 'dir') walk(p);
		}
	};
	walk('');
	return out;
}

/** Which paths share an inode, as groups of names. */
const inodeGroups = (files: Map<string, {inode: number; type: string}>) => {
	const groups = new Map<number, string[]>();
	for (const [p, f] of files) if (f.type === 'file') groups.set(f.inode, [...(groups.get(f.inode) ?? []), p]);
	return [...groups.values()].filter(g => g.length > 1).map(g => g.join(' ')).sort();
};

describe('peel extract', () => {
	it('the whole filesystem equals umoci unpack of the same layout: bytes, modes, links, hardlinks', async () => {
		const out = fresh();
		const run = await extract('/', '-o', out);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout.toString()).toMatch(/^wrote \d+ files, 2 hardlinks, \d+ directories, \d+ symlinks \(\d+ kB\) under /);
		const ours = listing(out);
		const umoci = await umociUnpackListing(fixture.layout, 't');
		expect([...ours.keys()]).toEqual([...umoci.keys()].sort());
		for (const [p, theirs] of umoci) {
			const mine = ours.get(p)!;
			// peel drops set-uid/gid bits on purpose (an extraction must not make privileged programs).
			expect({...mine, mode: mine.mode, inode: 0}, p).toEqual({type: theirs.type, size: theirs.size, mode: theirs.mode & 0o1777, linkTarget: theirs.linkTarget, nlink: theirs.nlink, inode: 0, ...(theirs.sha256 ? {sha256: theirs.sha256} : {})});
		}
		expect(inodeGroups(ours)).toEqual(inodeGroups(umoci));
		// The file written "through" the link to the host lands inside the destination.
		expect(readFileSync(path.join(out, hostTarget, 'pwned'), 'utf8')).toBe(known.pwned);
		expect(readdirSync(hostTarget)).toEqual([]);
		expect(readlinkSync(path.join(out, 'evil'))).toBe(hostTarget);
	});

	it('chosen paths at --layer N, at their image paths; a symlinked parent leads to the real path', async () => {
		const out = fresh();
		const run = await extract('/etc/hosts', '/etc/gone', '/bin/sh', '--layer', '0', '-o', out);
		expect(run.code, run.stderr).toBe(0);
		expect(readFileSync(path.join(out, 'etc/hosts'), 'utf8')).toBe(known.hostsV1);
		expect(readFileSync(path.join(out, 'etc/gone'), 'utf8')).toBe(known.gone);
		expect(readFileSync(path.join(out, 'usr/bin/sh'), 'utf8')).toBe(known.sh);
		expect(lstatSync(path.join(out, 'usr/bin/sh')).mode & 0o7777).toBe(0o755);
		const layer1 = oneLineError(await extract('/etc/gone', '--layer', '1', '-o', fresh()));
		expect(layer1).toMatch(/\/etc\/gone is not present at layer 1/);
	});

	it('never overwrites without --force; with it, replaces and says so; no temporary file is left', async () => {
		const out = fresh();
		expect((await extract('/etc/hosts', '-o', out)).code).toBe(0);
		writeFileSync(path.join(out, 'etc/hosts'), 'mine');
		expect(oneLineError(await extract('/etc', '-o', out))).toMatch(/etc\/hosts already exists; peel does not overwrite it without --force/);
		expect(readFileSync(path.join(out, 'etc/hosts'), 'utf8')).toBe('mine');
		// Refused before anything was written: the rest of /etc is not there either.
		expect(readdirSync(path.join(out, 'etc'))).toEqual(['hosts']);
		const forced = await extract('/etc', '-o', out, '--force');
		expect(forced.stdout.toString()).toMatch(/replaced 1 existing file/);
		expect(readFileSync(path.join(out, 'etc/hosts'), 'utf8')).toBe(known.hostsV2);
		expect(readdirSync(path.join(out, 'etc')).filter(f => f.startsWith('.peel-'))).toEqual([]);
	});

	it('never writes through a symlink already in the destination', async () => {
		const out = fresh();
		const victim = path.join(dir, 'victim');
		mkdirSync(out);
		mkdirSync(victim);
		symlinkSync(victim, path.join(out, 'etc'));
		expect(oneLineError(await extract('/etc/passwd', '-o', out))).toMatch(/etc is a symlink: peel never writes through links/);
		expect(readdirSync(victim)).toEqual([]);
	});

	it('bad input: one line, exit 2, nothing left behind', async () => {
		const file = path.join(dir, 'a-file');
		writeFileSync(file, 'x');
		expect(oneLineError(await extract('/etc/hosts', '-o', path.join(file, 'sub')))).toMatch(/cannot write .*a-file\/sub: a component of the destination is not a directory/);
		expect(oneLineError(await extract('/etc/hosts', '-o', file))).toMatch(/a-file is not a directory: choose a directory to extract into with -o/);
		const out = fresh();
		expect(oneLineError(await extract('/nope', '-o', out))).toMatch(/\/nope is not present at layer 3/);
		expect(oneLineError(await extract('/loop-a/x', '-o', out))).toMatch(/the image's links loop/);
		expect(oneLineError(await extract('/etc/hosts'))).toMatch(/extract needs a destination: -o DIR/);
		expect(oneLineError(await extract('/etc/hosts', '--layer', '9', '-o', out))).toMatch(/--layer 9 is out of range/);
		expect(existsSync(out)).toBe(false);
	});
});
