import {describe, expect, it} from 'vitest';
import {ChildNodes} from '../../source/model/child-nodes.js';

describe('ChildNodes', () => {
	it('behaves as a Map of its children by name, in insertion order, before and after it outgrows its list', () => {
		for (const count of [0, 1, 5, 47, 48, 49, 200]) {
			const children = new ChildNodes<{name: string; n: number}>();
			const map = new Map<string, {name: string; n: number}>();
			for (let n = 0; n < count; n++) {
				// Names that share prefixes and lengths, added out of order.
				const node = {name: `f${(n * 37) % 1000}.txt`, n};
				children.add(node);
				map.set(node.name, node);
			}
			expect(children.size).toBe(map.size);
			expect([...children]).toEqual([...map]);
			expect([...children.keys()]).toEqual([...map.keys()]);
			expect([...children.values()]).toEqual([...map.values()]);
			for (const [name, node] of map) {
				expect(children.get(name)).toBe(node);
				expect(children.has(name)).toBe(true);
			}
			expect(children.get('f1.tx')).toBeUndefined();
			expect(children.has('nope')).toBe(false);
			const seen: string[] = [];
			children.forEach((node, name) => seen.push(`${name}=${node.n}`));
			expect(seen).toEqual([...map].map(([name, node]) => `${name}=${node.n}`));
		}
	});

	it('does not share its empty list between directories', () => {
		const a = new ChildNodes<{name: string}>();
		const b = new ChildNodes<{name: string}>();
		a.add({name: 'x'});
		expect(b.size).toBe(0);
		expect(b.get('x')).toBeUndefined();
	});
});
