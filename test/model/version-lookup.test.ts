import {describe, expect, it} from 'vitest';
import {buildModel} from '../../source/model/build.js';
import {findNode, latestVersion, versionAt} from '../../source/model/query.js';
import {summarizeLayers} from '../../source/model/layer-summaries.js';
import type {PathNode} from '../../source/model/types.js';
import {contentOf, file, whiteout} from './entries.js';

// Nodes answer "which version at layer N" and "how many versions" without making their
// versions array: the answers must be those of the history the layers wrote.
describe("a node's versions without its versions array", () => {
	const model = buildModel([[file('a', 'one'), file('b', 'b')], [file('c', 'c')], [file('a', 'two')], [whiteout('', 'a')]]);
	const a = findNode(model.root, '/a')!;

	it('finds the version in effect at each layer, a removal included', () => {
		expect(a.versionCount!()).toBe(3);
		expect(contentOf(latestVersion(a, 0)!.hash)).toBe('one');
		expect(contentOf(latestVersion(a, 1)!.hash)).toBe('one');
		expect(contentOf(latestVersion(a, 2)!.hash)).toBe('two');
		expect(latestVersion(a, 3)).toMatchObject({layer: 3, change: 'removed', reason: 'whiteout'});
		expect(versionAt(a, 3)).toBeNull();
		const c = findNode(model.root, '/c')!;
		expect(c.versionCount!()).toBe(1);
		expect(latestVersion(c, 0)).toBeNull();
		expect(latestVersion(c, 1)).toMatchObject({layer: 1, change: 'added'});
	});

	it('counts the same per layer as a node that only has its versions array', () => {
		// The same tree with plain nodes (no versionCount or latestAt): what any PathNode gets.
		const plain = (node: PathNode, parent: PathNode | null): PathNode => {
			const copy: PathNode = {name: node.name, path: node.path, parent, children: null, versions: node.versions, marks: node.marks};
			if (node.children) copy.children = new Map([...node.children].map(([name, child]) => [name, plain(child, copy)]));
			return copy;
		};
		const sizes = [0, 0, 0, 0];
		for (const below of [1, 2, 3, 4]) expect(summarizeLayers(model.root, sizes, below)).toEqual(summarizeLayers(plain(model.root, null), sizes, below));
		// Layer 0 added a and b, 1 added c, 2 modified a, 3 removed it.
		expect(summarizeLayers(model.root, sizes).layers.map(l => [l.added, l.modified, l.removed])).toEqual([[2, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]);
	});
});
