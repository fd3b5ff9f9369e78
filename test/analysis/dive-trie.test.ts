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
