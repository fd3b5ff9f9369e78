import {describe, expect, it} from 'vitest';
import {DiveTrie, ROOT} from '../../source/analysis/dive-tree.js';

describe('DiveTrie: children by parent and name', () => {
	it('finds every child it made, across many chunks and table growths, and nothing else', () => {
		const trie = new DiveTrie();
		const made = new Map<string, number>();
		// 3 levels, 100k nodes: more than a few 32k chunks, and names that repeat under different parents.
		for (let a = 0; a < 20; a++) {
			const top = trie.child(ROOT, `d${a}`);
			made.set(`d${a}`, top);
			for (let b = 0; b < 50; b++) {
				const mid = trie.child(top, `s${b}`);
				made.set(`d${a}/s${b}`, mid);
				for (let c = 0; c < 100; c++) made.set(`d${a}/s${b}/f${c}`, trie.child(mid, `f${c}`));
			}
		}
		expect(new Set(made.values()).size).toBe(made.size);
		for (const [path, id] of made) {
			expect(trie.path(id)).toBe(path);
			const slash = path.lastIndexOf('/');
			const parent = slash < 0 ? ROOT : made.get(path.slice(0, slash))!;
			expect(trie.parentOf(id)).toBe(parent);
			expect(trie.findChild(parent, path.slice(slash + 1))).toBe(id);
			// Asking again makes nothing new.
			expect(trie.child(parent, path.slice(slash + 1))).toBe(id);
		}
		const d3s7 = made.get('d3/s7')!;
		expect(trie.findChild(d3s7, 'f100')).toBeUndefined();
		expect(trie.findChild(d3s7, 'f1 ')).toBeUndefined();
		expect(trie.findChild(d3s7, 'F1')).toBeUndefined();
		expect(trie.findChild(ROOT, 's7')).toBeUndefined();
		expect(trie.findChild(made.get('d3')!, 'f1')).toBeUndefined();
	});

	it('tells names apart that differ only in length or in one character', () => {
		const trie = new DiveTrie();
		const names = ['a', 'aa', 'ab', 'ba', 'a.', '.wh.a', 'é', 'e\u0301', ''.padEnd(300, 'x'), ''.padEnd(301, 'x')];
		const ids = names.map(name => trie.child(ROOT, name));
		expect(new Set(ids).size).toBe(names.length);
		names.forEach((name, i) => expect(trie.findChild(ROOT, name)).toBe(ids[i]));
		expect(trie.isWhiteout(ids[5]!)).toBe(true);
		expect(trie.isWhiteout(ids[0]!)).toBe(false);
	});
});

describe('DiveTrie: a layer\'s tree', () => {
	const entry = (path: string) => ({path, kind: 'file', typeFlag: 48, size: path.length, mode: 0o644, uid: 0, gid: 0, linkTarget: null, hash: null}) as const;
	/** The layer's tree as dive walks it: each node's path and the entry there. */
	const layerTree = (paths: string[]) => {
		const trie = new DiveTrie();
		trie.startLayer(0);
		for (const path of paths) trie.addToLayer(path, entry(path));
		return trie.layerOrder().map(id => [trie.path(id), trie.entry(id)?.path ?? null]);
	};

	it('is the same whatever order the tar lists its paths in (walks start near the last path, not at the root)', () => {
		// A tar's walk: down, back up several levels, into siblings whose names share a prefix.
		const walk = ['usr', 'usr/lib', 'usr/lib/a', 'usr/lib/a/b', 'usr/lib/a/b/c.txt', 'usr/lib/ab', 'usr/lib/ab/x', 'usr/lib/a2/y', 'usr/share/doc/z', 'usr/lib/a/b2/d', 'usr/l/q', 'usr/lib/a/b/c.txt/under-a-file', 'etc/x', 'usr/lib', 'u/s', 'usr/lib/a/b/e'];
		// Paths dive cleans up, and a name dive drops (with what is below it).
		const odd = ['./opt/o', 'opt//p/q', 'opt/p/', 'var/.wh..wh..opq', 'var/.wh..wh..x/y', 'var/v'];
		const paths = [...walk, ...odd];
		const expected = layerTree(paths);
		expect(expected.map(([path]) => path)).toContain('usr/lib/a/b/c.txt/under-a-file');
		expect(expected.map(([path]) => path)).not.toContain('var/.wh..wh..x/y');
		expect(expected.find(([path]) => path === 'opt/p')?.[1]).toBe('opt/p/');
		// Every order of these is a different sequence of walks up and down.
		for (let seed = 1; seed <= 50; seed++) {
			const shuffled = [...paths];
			let state = seed;
			for (let i = shuffled.length - 1; i > 0; i--) {
				state = (state * 1103515245 + 12345) % 2 ** 31;
				const j = state % (i + 1);
				[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
			}
			// The last entry of a path wins, so only orders that keep duplicates in place compare.
			const deduped = shuffled.filter((path, i) => path !== 'usr/lib' || shuffled.indexOf(path) !== i);
			expect(layerTree(deduped)).toEqual(expected);
		}
	});
});
