import {describe, expect, it} from 'vitest';
import {expandSparse} from '../../source/content/expand-sparse.js';
import {planExtraction} from '../../source/content/extract-plan.js';
import {walkAt} from '../../source/content/listing.js';
import {EntryLocator} from '../../source/content/locate-entry.js';
import {contentVersion, resolvePath} from '../../source/content/resolve-path.js';
import {buildModel} from '../../source/model/build.js';
import {dir, file, hardlink, symlink} from '../model/entries.js';

const layers = [
	[dir('usr/bin'), symlink('bin', 'usr/bin'), file('a', 'first'), file('a', 'second'), file('shared', 'same bytes')],
	[file('bin/tool', 'tool'), hardlink('usr/bin/hl', 'shared'), file('a', 'third')],
];
const model = buildModel(layers);
const locator = new EntryLocator(layers.map(entries => ({entries})));
const find = (path: string, layer = 1) => {
	const r = resolvePath(model.root, path, layer, true);
	if (!r.ok) throw new Error(`${path}: ${r.problem}`);
	return locator.locate(r.node.path, contentVersion(r.version)!);
};

describe('EntryLocator: which tar entry holds a version', () => {
	it('a duplicate in one layer: the last one, by its ordinal among entries of that name', () => {
		expect(find('/a', 0)).toEqual({layer: 0, path: 'a', ordinal: 1, size: 6, sparse: null, start: NaN, hash: expect.any(String)});
		expect(find('/a', 1)).toEqual({layer: 1, path: 'a', ordinal: 0, size: 5, sparse: null, start: NaN, hash: expect.any(String)});
	});

	it('an entry stored through a symlinked parent, and a hardlink to a file of a lower layer', () => {
		expect(find('/usr/bin/tool')).toEqual({layer: 1, path: 'bin/tool', ordinal: 0, size: 4, sparse: null, start: NaN, hash: expect.any(String)});
		expect(find('/usr/bin/hl')).toEqual({layer: 0, path: 'shared', ordinal: 0, size: 10, sparse: null, start: NaN, hash: expect.any(String)});
	});
});

describe('expandSparse', () => {
	const collect = async (chunks: Buffer[], regions: number[], mapBytes: number, size: number) => {
		const parts: Buffer[] = [];
		for await (const part of expandSparse((async function* () { yield* chunks; })(), {regions, mapBytes}, size)) parts.push(Buffer.from(part));
		return Buffer.concat(parts);
	};

	it('holes read as zeros, data lands at its offsets, a leading map is skipped', async () => {
		const expected = Buffer.alloc(200_000);
		Buffer.from('abc').copy(expected, 5);
		Buffer.from('XYZW').copy(expected, 150_000);
		// Stored: 512 bytes of map, then the regions' data, split at odd places.
		const stored = Buffer.concat([Buffer.alloc(512, 7), Buffer.from('abcXYZW')]);
		const got = await collect([stored.subarray(0, 100), stored.subarray(100, 514), stored.subarray(514)], [5, 3, 150_000, 4, 200_000, 0], 512, 200_000);
		expect(got.equals(expected)).toBe(true);
	});
});

describe('planExtraction', () => {
	it('directories first (parents before children), then files, then symlinks; a hardlink shares its inode', () => {
		const r = resolvePath(model.root, '/', 1, true);
		if (!r.ok) throw new Error('root');
		const {items, danglingHardlinks} = planExtraction(walkAt(r.node, r.version, 1));
		expect(danglingHardlinks).toEqual([]);
		expect(items.map(i => `${i.kind} ${i.path}`)).toEqual([
			'dir /usr',
			'dir /usr/bin',
			'file /a',
			'file /shared',
			'file /usr/bin/hl',
			'file /usr/bin/tool',
			'symlink /bin',
		]);
		const hl = items.find(i => i.path === '/usr/bin/hl');
		const shared = items.find(i => i.path === '/shared');
		expect(hl?.kind === 'file' && shared?.kind === 'file' && hl.inode === shared.inode).toBe(true);
	});
});
