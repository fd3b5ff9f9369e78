import {expect, test} from 'vitest';
import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {findMatches, type EarlierFind} from '../../source/ui/tree/find-matches.js';
import {namesTextReady, namesTextStep} from '../../source/ui/tree/names-text.js';
import {imageFromEntries} from './helpers/model-image.js';

const file = (path: string): LayerEntry => ({path, kind: 'file', typeFlag: 48, size: 1, mode: 0o644, uid: 0, gid: 0, linkTarget: null, hash: path});
const dir = (path: string): LayerEntry => ({path, kind: 'dir', typeFlag: 53, size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: null, hash: null});

// Names where case folding is tricky: upper and lower ASCII, Kelvin sign, dotted and dotless i, long s, combining marks, CJK.
const names = ['Library', 'lib', 'LIBC.so', 'libssl.so.3', 'glibc-2.36', 'KERNEL', '\u212Aelvin', 'İstanbul', 'ıi', 'ſtrasse', 'cafe\u0301', 'café', 'README.md', 'a.b', 'a+b', '中文lib', 'x\nlib', '\u4e6c\u0169b, in low bytes only', 'LiB\u{1F600}emoji'];
const data = buildExplorerData(
	imageFromEntries([
		[dir('usr'), dir('usr/lib'), dir('usr/Lib64'), ...names.map(name => file(`usr/lib/${name}`)), ...names.map(name => file(`usr/Lib64/${name}`))],
		[dir('opt'), dir('opt/library'), file('opt/library/LIB.txt'), file('opt/k')],
	]),
);
const index = data.index;

/** The find as specified, written out: the text as a case-insensitive regex (else literally), on names or on full paths when it has a `/`. */
function expected(text: string): number[] {
	let regex: RegExp;
	try {
		regex = new RegExp(text, 'i');
	} catch {
		regex = new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i');
	}
	const out: number[] = [];
	for (let i = 1; i < index.size; i++) {
		const node = index.nodes[i]!;
		if (regex.test(text.includes('/') ? node.path : node.name)) out.push(i);
	}
	return out;
}

test.each([false, true])('typing a find text key by key (the earlier matches narrowed), names indexed: %s, finds what a fresh pass finds, at every step', indexed => {
	if (indexed) {
		// In slices, as the explorer does while idle.
		while (!namesTextStep(index, 7)) expect(namesTextReady(index)).toBe(false);
		expect(namesTextReady(index)).toBe(true);
	}
	const typings = ['lib', 'LIB-low', 'library', 'LIB.so', 'kelvin', 'istanbul', 'strasse', 'café', 'cafe\u0301', 'a.b', 'a+b', 'lib/l', 'usr/lib/lib', '中文lib', 'lib(', 'li[b]c'];
	let steps = 0;
	for (const typing of typings) {
		let earlier: EarlierFind = {text: '', matches: new Int32Array(0)};
		for (let end = 1; end <= typing.length; end++) {
			const text = typing.slice(0, end);
			const matches = findMatches(index, text, earlier);
			expect([...matches], `"${text}" after "${earlier.text}"`).toEqual(expected(text));
			earlier = {text, matches};
			steps++;
		}
		// Backspace: a shorter text finds more again.
		const shorter = typing.slice(0, Math.max(typing.length - 2, 1));
		expect([...findMatches(index, shorter, earlier)], `"${shorter}" after "${typing}"`).toEqual(expected(shorter));
	}
	expect(steps).toBeGreaterThan(60);
	// The fixture is not trivial: names differing only in case and in folding are told apart.
	expect(expected('lib').length).toBeGreaterThan(10);
	expect(expected('k').map(i => index.nodes[i]!.name)).not.toContain('\u212Aelvin');
});

test('narrowing only ever tests the earlier matches: a stale list would show (so the shortcut is really taken)', () => {
	const all = findMatches(index, 'li');
	const first = all[0]!;
	// An earlier list holding one node only: typing on can find nothing beyond it.
	const narrowed = findMatches(index, 'lib', {text: 'li', matches: Int32Array.of(first)});
	expect([...narrowed]).toEqual(expected('lib').includes(first) ? [first] : []);
	// Regex syntax in either text: a full pass.
	expect([...findMatches(index, 'li.', {text: 'li', matches: Int32Array.of(first)})]).toEqual(expected('li.'));
	expect([...findMatches(index, 'lib', {text: 'l.', matches: Int32Array.of(first)})]).toEqual(expected('lib'));
});
