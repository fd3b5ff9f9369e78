import {describe, expect, it} from 'vitest';
import {contentVersion, MAX_SYMLINK_HOPS, resolvePath} from '../../source/content/resolve-path.js';
import {storyNode} from '../../source/content/story-node.js';
import {buildModel} from '../../source/model/build.js';
import {dir, file, hardlink, symlink, whiteout} from '../model/entries.js';

/** usrmerge, relative and absolute links, links through links, a loop, an escape, a whiteout. */
const model = buildModel([
	[
		dir('usr'),
		dir('usr/bin'),
		file('usr/bin/sh', '#!sh'),
		symlink('bin', 'usr/bin'),
		symlink('usr/bin/dash', 'sh'),
		symlink('abs', '/usr/bin/sh'),
		symlink('chain', 'abs'),
		symlink('up', '../../../../usr/bin/sh'),
		symlink('passwd', '../../../etc/passwd'),
		symlink('loop-a', 'loop-b'),
		symlink('loop-b', 'loop-a'),
		symlink('self', 'self/x'),
		dir('etc'),
		file('etc/passwd', 'root:x:0:0'),
		file('etc/gone', 'g'),
		file('etc/hosts', 'v1'),
	],
	[whiteout('etc', 'gone'), file('etc/hosts', 'v2'), hardlink('etc/hosts.link', 'etc/hosts'), file('bin/late', 'through the link')],
]);
const root = model.root;
const at = (path: string, layer = 1, follow = true) => {
	const r = resolvePath(root, path, layer, follow);
	return r.ok ? {path: r.node.path, type: r.version.type, layer: r.version.layer} : r;
};

describe('resolvePath: as a chrooted lookup would', () => {
	it('follows a symlinked parent (usrmerge) and a relative link in the same directory', () => {
		expect(at('/bin/sh')).toEqual({path: '/usr/bin/sh', type: 'file', layer: 0});
		expect(at('bin/dash')).toEqual({path: '/usr/bin/sh', type: 'file', layer: 0});
		// Written as bin/late over bin → usr/bin: the model keeps it under usr/bin.
		expect(at('/bin/late')).toEqual({path: '/usr/bin/late', type: 'file', layer: 1});
	});

	it('an absolute link starts at the image root; a chain is followed to its end', () => {
		expect(at('/abs')).toEqual({path: '/usr/bin/sh', type: 'file', layer: 0});
		expect(at('/chain')).toEqual({path: '/usr/bin/sh', type: 'file', layer: 0});
	});

	it('.. stops at the root: ../../../etc/passwd stays inside the image', () => {
		expect(at('/passwd')).toEqual({path: '/etc/passwd', type: 'file', layer: 0});
		expect(at('/up')).toEqual({path: '/usr/bin/sh', type: 'file', layer: 0});
		expect(at('/../../etc/passwd')).toEqual({path: '/etc/passwd', type: 'file', layer: 0});
		expect(at('/usr/bin/../../etc/./passwd')).toEqual({path: '/etc/passwd', type: 'file', layer: 0});
	});

	it('the last link is kept unless asked (or the path ends in /)', () => {
		expect(at('/bin', 1, false)).toEqual({path: '/bin', type: 'symlink', layer: 0});
		expect(at('/bin/', 1, false)).toEqual({path: '/usr/bin', type: 'dir', layer: 0});
		expect(at('/abs/')).toEqual({ok: false, problem: 'not-dir', at: '/usr/bin/sh'});
	});

	it(`loops stop after ${MAX_SYMLINK_HOPS} links`, () => {
		expect(at('/loop-a')).toMatchObject({ok: false, problem: 'loop'});
		expect(at('/self')).toMatchObject({ok: false, problem: 'loop'});
	});

	it('a missing component, a file used as a directory', () => {
		expect(at('/nope/x')).toEqual({ok: false, problem: 'missing', at: '/nope'});
		expect(at('/etc/passwd/x')).toEqual({ok: false, problem: 'not-dir', at: '/etc/passwd'});
	});

	it('versions by layer: a whiteout removes, a later layer modifies', () => {
		expect(at('/etc/gone', 0)).toEqual({path: '/etc/gone', type: 'file', layer: 0});
		expect(at('/etc/gone', 1)).toEqual({ok: false, problem: 'missing', at: '/etc/gone'});
		expect(at('/etc/hosts', 0)).toMatchObject({layer: 0});
		expect(at('/etc/hosts', 1)).toMatchObject({layer: 1});
		expect(at('/bin/late', 0)).toEqual({ok: false, problem: 'missing', at: '/usr/bin/late'});
	});

	it('a hardlink reads as its inode: the target version it shares', () => {
		const link = resolvePath(root, '/etc/hosts.link', 1, true);
		const target = resolvePath(root, '/etc/hosts', 1, true);
		expect(link.ok && target.ok).toBe(true);
		if (!link.ok || !target.ok) return;
		expect(link.version.type).toBe('hardlink');
		expect(contentVersion(link.version)).toBe(target.version);
		expect(contentVersion(target.version)).toBe(target.version);
	});
});

describe('storyNode', () => {
	it('finds removed paths, paths behind a symlinked parent, and links themselves', () => {
		expect(storyNode(root, '/etc/gone', 1)?.versions.map(v => v.change)).toEqual(['added', 'removed']);
		expect(storyNode(root, '/bin/sh', 1)?.path).toBe('/usr/bin/sh');
		expect(storyNode(root, '/bin', 1)?.versions[0]?.type).toBe('symlink');
		expect(storyNode(root, '/never', 1)).toBeNull();
		expect(storyNode(root, '/', 1)).toBeNull();
	});
});
