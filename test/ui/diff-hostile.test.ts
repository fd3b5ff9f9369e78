import {describe, expect, test} from 'vitest';
import type {FileDifference} from '../../source/compare/types.js';
import {configDiffLines} from '../../source/ui/diff/diff-config-lines.js';
import {diffRowText, diffStatusLine} from '../../source/ui/diff/diff-row-text.js';
import {flattenDiffRows, shownByFilter} from '../../source/ui/diff/diff-rows.js';
import {buildDiffTree} from '../../source/ui/diff/diff-tree.js';

// Every C0/C1 control, and the bidi override: none may reach the terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202e]/;
const file = (size: number, linkTarget: string | null = null) => ({type: linkTarget ? ('symlink' as const) : ('file' as const), size, mode: 0o644, uid: 0, gid: 0, linkTarget});

describe('the diff explorer on hostile names', () => {
	test('names, link targets and config values are escaped in rows, the status line and the config lines', () => {
		const evil = 'evil\u001b[31mred\nline\u202e';
		const files: FileDifference[] = [
			{path: `/${evil}`, change: 'added', contentChanged: false, metadataChanged: false, old: null, new: file(3)},
			{path: `/dir\u0007/link`, change: 'modified', contentChanged: true, metadataChanged: false, old: file(0, 'a\u001b]0;title\u0007'), new: file(0, `b${evil}`)},
		];
		const tree = buildDiffTree(files);
		const flat = flattenDiffRows(tree, shownByFilter(tree, null), new Uint8Array(tree.size), 'name');
		expect(flat.rows.length).toBe(3);
		for (const node of flat.rows) {
			const row = diffRowText(tree, flat, new Uint8Array(tree.size), node);
			for (const text of Object.values(row)) if (typeof text === 'string') expect(text).not.toMatch(CONTROL);
			expect(diffStatusLine(tree, node)).not.toMatch(CONTROL);
		}
		expect(diffRowText(tree, flat, new Uint8Array(tree.size), tree.paths.indexOf(`/${evil}`)).name).toBe('evil\\x1b[31mred\\nline\\u202e');
		const lines = configDiffLines({Env: {old: [`A=${evil}`], new: ['A=ok']}, [`X${evil}`]: {old: null, new: {[evil]: evil}}, Labels: {old: {[evil]: '1'}, new: {}}});
		expect(lines.length).toBeGreaterThan(0);
		for (const line of lines) expect(line.text).not.toMatch(CONTROL);
	});

	test('a path as deep as the limits allow builds and flattens without recursion', () => {
		const deep = '/d'.repeat(1024);
		const tree = buildDiffTree([{path: `${deep}/f`, change: 'added', contentChanged: false, metadataChanged: false, old: null, new: file(1)}]);
		expect(tree.size).toBe(1026);
		expect(tree.newSize[0]).toBe(1);
		const flat = flattenDiffRows(tree, shownByFilter(tree, null), new Uint8Array(tree.size), 'delta');
		expect(flat.rows.length).toBe(1025);
	});
});
