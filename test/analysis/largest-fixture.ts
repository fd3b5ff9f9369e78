import type {ImageSpec} from '../fixtures/image.js';

/** Contents by name, so the expectations below are worked out from the fixture, not from peel. */
export const contents = {
	lib: 'L'.repeat(300_000),
	deb: 'D'.repeat(200_000),
	dataOld: 'o'.repeat(120_000),
	dataNew: 'n'.repeat(50_000),
	dupFirst: 'f'.repeat(80_000),
	dupLast: 'last copy\n',
	linked: 'k'.repeat(5_000),
	conf: 'c'.repeat(2_000),
};

export const libPath = '/usr/lib/x86_64-linux-gnu/libbig-runtime.so.1';

/**
 * Three layers, one of each fate a stored file can have:
 *  0: adds the lib (visible to the end), the .deb (removed by layer 1's whiteout),
 *     data.bin (overwritten by layer 2), conf (stored again unchanged by layer 1),
 *     tmp/a with a hardlink tmp/b (layer 1 removes a; b keeps the bytes), an empty file;
 *  1: the whiteouts, conf again, srv/dup written twice (the first copy hidden by its own layer);
 *  2: data.bin rewritten.
 */
export const largestSpec: ImageSpec = {
	layers: [
		{
			entries: [
				{name: 'usr/', type: 'directory'},
				{name: 'usr/lib/', type: 'directory'},
				{name: 'usr/lib/x86_64-linux-gnu/', type: 'directory'},
				{name: libPath.slice(1), content: contents.lib},
				{name: 'var/', type: 'directory'},
				{name: 'var/cache/', type: 'directory'},
				{name: 'var/cache/pkg.deb', content: contents.deb},
				{name: 'opt/', type: 'directory'},
				{name: 'opt/data.bin', content: contents.dataOld},
				{name: 'etc/', type: 'directory'},
				{name: 'etc/conf', content: contents.conf},
				{name: 'tmp/', type: 'directory'},
				{name: 'tmp/a', content: contents.linked},
				{name: 'tmp/b', type: 'link', linkname: 'tmp/a'},
				{name: 'etc/empty', content: ''},
			],
			createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
		},
		{
			entries: [
				{name: 'var/cache/', type: 'directory'},
				{name: 'var/cache/.wh.pkg.deb', content: ''},
				{name: 'tmp/', type: 'directory'},
				{name: 'tmp/.wh.a', content: ''},
				{name: 'etc/', type: 'directory'},
				{name: 'etc/conf', content: contents.conf},
				{name: 'srv/', type: 'directory'},
				{name: 'srv/dup', content: contents.dupFirst},
				{name: 'srv/dup', content: contents.dupLast},
			],
			createdBy: '/bin/sh -c apt-get install && rm pkg.deb',
		},
		{
			entries: [
				{name: 'opt/', type: 'directory'},
				{name: 'opt/data.bin', content: contents.dataNew},
			],
			createdBy: '/bin/sh -c refresh data',
		},
	],
};

export interface ExpectedRow {
	path: string;
	layer: number;
	size: number;
	change: 'added' | 'modified' | 'unchanged';
	/** Layer that hid it, null when visible at the end. */
	hiddenBy: number | null;
	reclaimable: number;
}

const size = (text: string) => Buffer.byteLength(text);

/** Every stored non-empty regular file version of the spec, with its fate, as the layers above define it. */
export const expectedRows: ExpectedRow[] = [
	{path: libPath, layer: 0, size: size(contents.lib), change: 'added', hiddenBy: null, reclaimable: 0},
	{path: '/var/cache/pkg.deb', layer: 0, size: size(contents.deb), change: 'added', hiddenBy: 1, reclaimable: size(contents.deb)},
	{path: '/opt/data.bin', layer: 0, size: size(contents.dataOld), change: 'added', hiddenBy: 2, reclaimable: size(contents.dataOld)},
	{path: '/srv/dup', layer: 1, size: size(contents.dupFirst), change: 'added', hiddenBy: 1, reclaimable: size(contents.dupFirst)},
	{path: '/opt/data.bin', layer: 2, size: size(contents.dataNew), change: 'modified', hiddenBy: null, reclaimable: 0},
	// Layer 1 removes /tmp/a, but the hardlink /tmp/b still shows its bytes.
	{path: '/tmp/a', layer: 0, size: size(contents.linked), change: 'added', hiddenBy: 1, reclaimable: 0},
	{path: '/etc/conf', layer: 0, size: size(contents.conf), change: 'added', hiddenBy: 1, reclaimable: size(contents.conf)},
	{path: '/etc/conf', layer: 1, size: size(contents.conf), change: 'unchanged', hiddenBy: null, reclaimable: 0},
	{path: '/srv/dup', layer: 1, size: size(contents.dupLast), change: 'added', hiddenBy: null, reclaimable: 0},
];

/** The order a user expects: by size, or by reclaimable bytes then size; ties by path, then layer. */
export function expectedOrder(order: 'size' | 'reclaimable', minSize = 1): ExpectedRow[] {
	const bySize = (a: ExpectedRow, b: ExpectedRow) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.layer - b.layer;
	const rows = expectedRows.filter(row => row.size >= minSize);
	return rows.sort(order === 'size' ? bySize : (a, b) => b.reclaimable - a.reclaimable || bySize(a, b));
}
