import {describe, expect, test} from 'vitest';
import {buildModel} from '../../source/model/build.js';
import {findNode} from '../../source/model/query.js';
import {entry} from './entries.js';

describe('a path deeper than any stack', () => {
	test('a node 10,000 levels down knows its path (no recursion up the parents)', () => {
		// The reader stops far earlier (a depth limit); the model must not depend on that.
		const depth = 10_000;
		const path = `${'d/'.repeat(depth - 1)}leaf`;
		const model = buildModel([[entry(path)]]);
		const leaf = findNode(model.root, path);
		expect(leaf).not.toBeNull();
		expect(leaf!.path).toBe(`/${path}`);
		// Asked from the bottom first, then the middle: every ancestor's cached path is right.
		let node = leaf!.parent;
		for (let level = depth - 1; level > depth / 2; level--) node = node!.parent;
		expect(node!.path).toBe(`/${'d/'.repeat(depth / 2).slice(0, -1)}`);
	});
});
