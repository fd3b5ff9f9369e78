import {expect, test} from 'vitest';
import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {computeFilterMatches} from '../../source/ui/tree/filter-matches.js';
import {namesTextStep} from '../../source/ui/tree/names-text.js';
import {imageFromEntries} from './helpers/model-image.js';

const file = (path: string): LayerEntry => ({path, kind: 'file', typeFlag: 48, size: 1, mode: 0o644, uid: 0, gid: 0, linkTarget: null, hash: path});
const dir = (path: string): LayerEntry => ({path, kind: 'dir', typeFlag: 53, size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: null, hash: null});

const names = ['Library', 'lib', 'LIBC.so', 'libssl.so.3', 'pkg12', 'pkg123', 'PKG12', 'a b', 'x\nlib', '\u4e6c\u0169b', '中文', 'caf\u00e9'];
const data = buildExplorerData(
	imageFromEntries([
		[dir('usr'), dir('usr/lib'), dir('usr/pkg12'), dir('usr/pkg12/deep'), ...names.map(name => file(`usr/lib/${name}`)), ...names.map(name => file(`usr/pkg12/deep/${name}`))],
		[dir('opt'), dir('opt/Lib'), file('opt/Lib/pkg1'), file('opt/Lib/2pkg12')],
	]),
);
const {index} = data;

test.each([false, true])('a filter matches exactly the paths its regex matches (names indexed: %s), plain texts included', indexed => {
	if (indexed) namesTextStep(index, index.size);
	let marked = 0;
	for (const text of ['lib', 'Lib', 'LIB', 'pkg12', 'PKG12', 'a b', 'usr', 'deep', 'b', 'caf\u00e9', '中文', 'lib/', 'usr/pkg', 'pkg1.', '^/usr', 'so$', 'l.b']) {
		const regex = new RegExp(text);
		const got = computeFilterMatches(index, regex);
		for (let i = 0; i < index.size; i++) {
			const want = i > 0 && regex.test(index.nodes[i]!.path) ? 1 : 0;
			if (got[i] !== want) throw new Error(`/${text}/ on ${JSON.stringify(index.nodes[i]!.path)}: ${got[i]}, want ${want}`);
			marked += want;
		}
	}
	expect(marked).toBeGreaterThan(100);
});
