import {describe, expect, it} from 'vitest';
import {EntryBatcher, unpackEntries} from '../../source/layers/entry-batch.js';
import type {LayerEntry} from '../../source/layers/layer-entry.js';

const fields = (e: LayerEntry) => ({path: e.path, kind: e.kind, typeFlag: e.typeFlag, size: e.size, mode: e.mode, uid: e.uid, gid: e.gid, linkTarget: e.linkTarget, hash: e.hash, sparse: e.sparse});

/** Through the batch a worker sends and back: every field as it went in. */
function roundTrip(entries: LayerEntry[]): LayerEntry[] {
	const batcher = new EntryBatcher();
	for (const entry of entries) batcher.add(entry);
	const out: LayerEntry[] = [];
	unpackEntries(batcher.take(), out);
	return out;
}

const base: LayerEntry = {path: 'usr/bin/tool', kind: 'file', typeFlag: 48, size: 12, mode: 0o755, uid: 0, gid: 0, linkTarget: null, hash: 'abcdefghijklmnopqrstuv'};

describe('compact layer entries', () => {
	it('keep every field of every kind, mode, owner and size', () => {
		const entries: LayerEntry[] = [
			base,
			{...base, path: 'etc', kind: 'dir', typeFlag: 53, size: 0, mode: 0o7777, hash: null},
			{...base, path: 'bin', kind: 'symlink', typeFlag: 50, size: 0, mode: 0o777, linkTarget: 'usr/bin', hash: null},
			{...base, path: 'hl', kind: 'hardlink', typeFlag: 49, size: 0, linkTarget: 'usr/bin/tool', hash: null},
			{...base, path: 'a/.wh.b', kind: 'whiteout', typeFlag: 48, size: 0, mode: 0, hash: null},
			{...base, path: 'a/.wh..wh..opq', kind: 'opaque', typeFlag: 48, size: 0, hash: null},
			{...base, path: 'dev/null', kind: 'char', typeFlag: 51, size: 0, mode: 0o666, hash: null},
			{...base, path: 'fifo', kind: 'fifo', typeFlag: 54, size: 0, hash: null},
			{...base, path: 'big', size: 2 ** 40 + 3, uid: 32767, gid: 65535},
			{...base, path: 'owners', uid: 32768, gid: 0},
			{...base, path: 'wide', uid: 2 ** 32 - 2, gid: 2 ** 31 + 5},
			{...base, path: 'gid', uid: 1000, gid: 65536},
			{...base, path: 'empty', size: 0, hash: '47DEQpj8HBSa-_TImW-5JC'},
			{...base, path: 'sparse', typeFlag: 83, size: 1 << 20, sparse: {regions: [0, 10, 4096, 20], mapBytes: 512}},
			{...base, path: 'odd', typeFlag: 300, mode: 0o17777},
			{...base, path: 'both', linkTarget: 'x'},
		];
		expect(roundTrip(entries).map(fields)).toEqual(entries.map(fields));
	});

	it('keep the owners of an image with more owners than the table holds, each its own', () => {
		// 300 owners: the first ones numbered in the table, the rest keeping their ids.
		const entries: LayerEntry[] = Array.from({length: 900}, (_, i) => ({...base, path: `f${i}`, uid: 1000 + (i % 300), gid: 2000 + ((i * 7) % 300)}));
		expect(roundTrip(entries).map(fields)).toEqual(entries.map(fields));
	});

	it('keep their owner once a model takes them as its versions, and the version its layer and change', async () => {
		const {entryAsVersion} = await import('../../source/layers/compact-entry.js');
		const [entry] = roundTrip([{...base, uid: 1234, gid: 5678}]);
		const version = entryAsVersion(entry!, 2_000_000)!;
		expect(version).not.toBeNull();
		expect([version.layer, version.change, version.uid, version.gid]).toEqual([2_000_000, 'added', 1234, 5678]);
		version.change = 'modified';
		expect([version.layer, version.change, entry!.uid, entry!.gid, entry!.mode, entry!.size]).toEqual([2_000_000, 'modified', 1234, 5678, 0o755, 12]);
		// Taken once only; a layer beyond what fits is left to the model's own version object.
		expect(entryAsVersion(entry!, 3)).toBeNull();
		const [other] = roundTrip([base]);
		expect(entryAsVersion(other!, 2 ** 21)).toBeNull();
		expect(entryAsVersion(other!, 2 ** 21 - 1)?.layer).toBe(2 ** 21 - 1);
	});
});
