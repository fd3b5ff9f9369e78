import {describe, expect, it} from 'vitest';
import {buildModel} from '../../source/model/build.js';
import {findNode, versionAt} from '../../source/model/query.js';
import type {ImageModel} from '../../source/model/types.js';
import {file, symlink} from './entries.js';

// The model takes most entries under the directory of the entry before without a look-up:
// these layers change or leave that directory between two of its entries.
function typesAt(model: ImageModel, layer: number): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (node: ImageModel['root']) => {
		for (const child of node.children?.values() ?? []) {
			const v = versionAt(child, layer);
			if (!v) continue;
			out[child.path] = v.type!;
			walk(child);
		}
	};
	walk(model.root);
	return out;
}

describe('the model when entries leave their directory', () => {
	it('puts entries back under a directory left and come back to', () => {
		const model = buildModel([[file('x/1'), file('y/1'), file('top'), file('x/2')]]);
		expect(typesAt(model, 0)).toEqual({'/x': 'dir', '/x/1': 'file', '/x/2': 'file', '/y': 'dir', '/y/1': 'file', '/top': 'file'});
		expect(findNode(model.root, '/x/2')!.parent).toBe(findNode(model.root, '/x'));
	});

	it('follows a directory that became a symlink between two of its entries', () => {
		// The symlink replaces the directory (and what this layer put in it); a/2 then goes where it points.
		const model = buildModel([[file('a/1'), symlink('a', 'b'), file('a/2')]]);
		expect(typesAt(model, 0)).toEqual({'/a': 'symlink', '/b': 'dir', '/b/2': 'file'});
	});

	it('makes a directory again of one that became a file between two of its entries', () => {
		const model = buildModel([[file('d/1'), file('d'), file('d/2')]]);
		expect(typesAt(model, 0)).toEqual({'/d': 'dir', '/d/2': 'file'});
		expect(model.warnings).toEqual(['layer 0: "/d" is a file but has entries below it; it becomes a directory']);
	});
});
