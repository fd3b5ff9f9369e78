import {describe, expect, it} from 'vitest';
import {buildModel} from '../../source/model/build.js';
import {changeInLayer, findNode, versionAt, viewState} from '../../source/model/query.js';
import type {ImageModel} from '../../source/model/types.js';
import {contentOf, dir, file, hardlink, hashOf, opaque, symlink, whiteout} from './entries.js';

/** The filesystem at `layer` as path → type, for readable assertions. */
function fsAt(model: ImageModel, layer: number): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (node: ImageModel['root']) => {
		for (const child of node.children?.values() ?? []) {
			const v = versionAt(child, layer);
			if (!v) continue;
			out[child.path] = v.type === 'file' ? `file:h(${contentOf(v.hash)})` : v.type === 'symlink' || v.type === 'hardlink' ? `${v.type}:${v.linkTarget}` : v.type!;
			walk(child);
		}
	};
	walk(model.root);
	return out;
}

function node(model: ImageModel, path: string) {
	const found = findNode(model.root, path);
	if (!found) throw new Error(`no node ${path}`);
	return found;
}

describe('buildModel', () => {
	it('stacks added and modified files and marks directories', () => {
		const model = buildModel([
			[dir('etc'), file('etc/a', 'one'), file('etc/b', 'two')],
			[file('etc/a', 'changed'), file('etc/c', 'new')],
		]);
		expect(fsAt(model, 1)).toEqual({'/etc': 'dir', '/etc/a': 'file:h(changed)', '/etc/b': 'file:h(two)', '/etc/c': 'file:h(new)'});
		expect(changeInLayer(node(model, '/etc/a'), 1)).toBe('modified');
		expect(changeInLayer(node(model, '/etc/c'), 1)).toBe('added');
		expect(changeInLayer(node(model, '/etc/b'), 1)).toBeNull();
		expect(changeInLayer(node(model, '/etc'), 1)).toBe('modified');
		expect(changeInLayer(node(model, '/etc'), 0)).toBe('added');
		expect(model.layers[1]).toMatchObject({added: 1, modified: 1, removed: 0});
	});

	it('removes a file and a whole directory with whiteouts', () => {
		const model = buildModel([
			[dir('a'), file('a/x'), dir('a/sub'), file('a/sub/y'), file('keep')],
			[whiteout('a', 'x'), whiteout('', 'a')],
		]);
		expect(fsAt(model, 1)).toEqual({'/keep': 'file:h(content of keep)'});
		expect(node(model, '/a/sub/y').versions.at(-1)).toMatchObject({change: 'removed', reason: 'parent-removed', layer: 1});
		expect(node(model, '/a').versions.at(-1)).toMatchObject({change: 'removed', reason: 'whiteout'});
		// Removed paths stay visible, marked, in the layer that removed them.
		expect(viewState(node(model, '/a/sub/y'), 1, 'layer')?.change).toBe('removed');
		expect(viewState(node(model, '/a/sub/y'), 1, 'layer')?.version.type).toBe('file');
		expect(model.layers[1]!.removed).toBe(4);
	});

	it('opaque directories hide lower children but keep same-layer ones, wherever the marker sits', () => {
		for (const order of ['before', 'after'] as const) {
			const upper = [file('d/new'), dir('d')];
			const layer = order === 'before' ? [opaque('d'), ...upper] : [...upper, opaque('d')];
			const model = buildModel([[dir('d'), file('d/old'), dir('d/sub'), file('d/sub/z')], layer]);
			expect(fsAt(model, 1)).toEqual({'/d': 'dir', '/d/new': 'file:h(content of d/new)'});
			expect(node(model, '/d/old').versions.at(-1)?.reason).toBe('opaque');
		}
	});

	it('keeps a same-layer entry over its own whiteout, and says so', () => {
		const model = buildModel([[file('f', 'old')], [file('f', 'new'), whiteout('', 'f')]]);
		expect(fsAt(model, 1)).toEqual({'/f': 'file:h(new)'});
		expect(model.warnings.join('\n')).toMatch(/both whited out and written/);
	});

	it("a removal says who removed what: the removed version's metadata, no type, size or hash, and the reason", () => {
		const model = buildModel([
			[dir('d'), file('d/f', 'data', {mode: 0o640, uid: 1000, gid: 50}), symlink('d/l', '../f'), dir('o'), file('o/x'), file('r/y'), file('r/z', 'zz', {uid: 7})],
			[whiteout('d', 'f'), whiteout('d', 'l'), opaque('o'), file('r', 'now a file')],
		]);
		const removal = (path: string) => {
			const v = node(model, path).versions.at(-1)!;
			return {layer: v.layer, change: v.change, type: v.type, size: v.size, stored: v.stored, mode: v.mode, uid: v.uid, gid: v.gid, hash: v.hash, linkTarget: v.linkTarget, reason: v.reason, implicit: v.implicit, linkedVersion: v.linkedVersion};
		};
		const gone = {layer: 1, change: 'removed', type: null, size: 0, stored: 0, hash: null, implicit: false, linkedVersion: null};
		expect(removal('/d/f')).toEqual({...gone, mode: 0o640, uid: 1000, gid: 50, linkTarget: null, reason: 'whiteout'});
		expect(removal('/d/l')).toEqual({...gone, mode: 0o644, uid: 0, gid: 0, linkTarget: '../f', reason: 'whiteout'});
		expect(removal('/o/x')).toEqual({...gone, mode: 0o644, uid: 0, gid: 0, linkTarget: null, reason: 'opaque'});
		expect(removal('/r/z')).toEqual({...gone, mode: 0o644, uid: 7, gid: 0, linkTarget: null, reason: 'parent-removed'});
		// /r was made implicitly in layer 0 (0755 root:root), and replaced by a file in layer 1.
		expect(node(model, '/r').versions.map(v => [v.layer, v.change, v.type, v.implicit, v.mode, v.reason])).toEqual([
			[0, 'added', 'dir', true, 0o755, null],
			[1, 'modified', 'file', false, 0o644, null],
		]);
	});

	it('replaces a directory by a file (subtree removed) and a file by a directory', () => {
		const model = buildModel([
			[dir('p'), file('p/child'), file('q')],
			[file('p', 'now a file'), dir('q'), file('q/inside')],
		]);
		expect(fsAt(model, 1)).toEqual({'/p': 'file:h(now a file)', '/q': 'dir', '/q/inside': 'file:h(content of q/inside)'});
		expect(node(model, '/p/child').versions.at(-1)).toMatchObject({change: 'removed', reason: 'parent-removed'});
		expect(changeInLayer(node(model, '/p'), 1)).toBe('modified');
		expect(changeInLayer(node(model, '/q'), 1)).toBe('modified');
	});

	it('lets the last duplicate in a layer win', () => {
		const model = buildModel([[file('x', 'first'), file('x', 'second')]]);
		expect(fsAt(model, 0)).toEqual({'/x': 'file:h(second)'});
		expect(node(model, '/x').versions).toHaveLength(1);
		// The earlier copy is still stored in the layer: the model remembers it.
		expect(model.shadowed?.map(s => [s.node.path, s.version.stored, s.removed])).toEqual([['/x', 5, false]]);
	});

	it('remembers same-layer files a replacement of their parent removed', () => {
		const model = buildModel([[dir('d'), file('d/x', 'abc'), file('d', 'now a file')]]);
		expect(fsAt(model, 0)).toEqual({'/d': 'file:h(now a file)'});
		expect(model.shadowed?.map(s => [s.node.path, s.version.stored, s.removed])).toEqual([['/d/x', 3, true]]);
	});

	it('follows symlinked parents from lower layers (usrmerge)', () => {
		const model = buildModel([
			[dir('usr'), dir('usr/bin'), symlink('bin', 'usr/bin'), symlink('lib', '/usr/lib'), dir('usr/lib')],
			[file('bin/tool'), file('lib/libz.so'), whiteout('bin', 'gone')],
		]);
		expect(fsAt(model, 1)).toMatchObject({'/bin': 'symlink:usr/bin', '/usr/bin/tool': 'file:h(content of bin/tool)', '/usr/lib/libz.so': expect.any(String)});
		expect(findNode(model.root, '/bin/tool')).toBeNull();
	});

	it('does not let symlinks climb out of the root', () => {
		const model = buildModel([[symlink('evil', '../../../../etc'), file('evil/passwd')]]);
		expect(fsAt(model, 0)).toMatchObject({'/etc/passwd': expect.any(String)});
	});

	it('resolves hardlinks to their target, in the same layer and across layers, counting bytes once', () => {
		const model = buildModel([[file('a', 'shared bytes')], [hardlink('b', 'a'), file('c', 'x'), hardlink('d', 'c')]]);
		const b = versionAt(node(model, '/b'), 1)!;
		expect(b).toMatchObject({type: 'hardlink', linkTarget: '/a', size: 12, stored: 0, hash: hashOf('shared bytes')});
		expect(versionAt(node(model, '/d'), 1)?.hash).toBe(hashOf('x'));
		expect(b.linkedVersion).toBe(versionAt(node(model, '/a'), 0));
	});

	it('marks an identical rewrite as unchanged and a chmod as modified', () => {
		const model = buildModel([
			[file('same', 'bytes'), file('perm', 'bytes')],
			[file('same', 'bytes'), file('perm', 'bytes', {mode: 0o755})],
		]);
		expect(changeInLayer(node(model, '/same'), 1)).toBe('unchanged');
		expect(changeInLayer(node(model, '/perm'), 1)).toBe('modified');
	});

	it('creates missing parent directories implicitly', () => {
		const model = buildModel([[file('deep/er/file')]]);
		expect(fsAt(model, 0)).toEqual({'/deep': 'dir', '/deep/er': 'dir', '/deep/er/file': 'file:h(content of deep/er/file)'});
		expect(versionAt(node(model, '/deep'), 0)).toMatchObject({implicit: true, mode: 0o755});
	});

	it('shows aggregated changes from layer 1 up to the selected layer', () => {
		const model = buildModel([[file('base')], [file('one')], [file('base', 'changed'), whiteout('', 'one')]]);
		expect(viewState(node(model, '/one'), 1, 'aggregated')?.change).toBe('added');
		expect(viewState(node(model, '/one'), 2, 'aggregated')?.change).toBe('removed');
		expect(viewState(node(model, '/base'), 2, 'aggregated')?.change).toBe('modified');
		expect(viewState(node(model, '/base'), 1, 'aggregated')?.change).toBeNull();
	});
});
