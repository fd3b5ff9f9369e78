import path from 'node:path';
import {compareImages} from '../../../source/compare/compare.js';
import {loadImage} from '../../../source/load/load-image.js';
import {openImage} from '../../../source/sources/open-image.js';
import {resolveInput} from '../../../source/sources/resolve-input.js';
import {buildDiffData, type DiffData} from '../../../source/ui/diff/diff-data.js';
import {writeOciLayout} from '../../fixtures/archives.js';
import {buildImage, DEFAULT_PATH_ENV, type BuiltImage} from '../../fixtures/image.js';
import type {TarEntrySpec} from '../../fixtures/tar.js';

/** The text file that changes on one line between the versions (for `v` and the unified diff). */
export const OLD_CONFIG = ['# app settings', 'name = demo', 'port = 8080', 'workers = 2', 'log = info', 'cache = on', 'mode = prod', ''].join('\n');
export const NEW_CONFIG = ['# app settings', 'name = demo', 'port = 9090', 'workers = 2', 'log = info', 'cache = on', 'mode = prod', 'tls = required', ''].join('\n');
export const OLD_BIG = 'b'.repeat(5000);
export const NEW_BIG = 'b'.repeat(1000);
export const NEW_FILE = 'added in 2.0\n';
export const GONE_FILE = 'only in 1.0\n';

const base: TarEntrySpec[] = [
	{name: 'etc/', type: 'directory'},
	{name: 'etc/os-release', content: 'ID=demo\n'},
	{name: 'etc/motd', content: 'welcome\n'},
	{name: 'usr/', type: 'directory'},
	{name: 'usr/bin/', type: 'directory'},
	{name: 'usr/bin/tool', content: '#!/bin/sh\necho tool\n', mode: 0o644},
];
const libs: TarEntrySpec[] = [
	{name: 'usr/lib/', type: 'directory'},
	{name: 'usr/lib/libdemo.so', content: 'L'.repeat(3000)},
];
const oldTop: TarEntrySpec[] = [
	{name: 'app/', type: 'directory'},
	{name: 'app/config.txt', content: OLD_CONFIG},
	{name: 'app/big.bin', content: OLD_BIG},
	{name: 'app/gone.txt', content: GONE_FILE},
];
const newTop: TarEntrySpec[] = [
	{name: 'app/', type: 'directory'},
	{name: 'app/config.txt', content: NEW_CONFIG},
	{name: 'app/big.bin', content: NEW_BIG},
	{name: 'app/new.txt', content: NEW_FILE},
	{name: 'etc/', type: 'directory'},
	{name: 'etc/.wh.motd', content: ''},
	{name: 'usr/bin/', type: 'directory'},
	{name: 'usr/bin/tool', content: '#!/bin/sh\necho tool\n', mode: 0o755},
];

export interface DiffImages {
	layout: string;
	oldRef: string;
	newRef: string;
	oldImage: BuiltImage;
	newImage: BuiltImage;
}

/**
 * Two versions of an app in one OCI layout: the same base blob, the same library layer
 * compressed another way (gzip in 1.0, zstd in 2.0: same diff_id, another blob), and a
 * rebuilt top that changes a text file, shrinks a file, adds one, drops one, whiteouts
 * /etc/motd and chmods /usr/bin/tool; Env and Cmd differ.
 */
export async function writeDiffImages(dir: string): Promise<DiffImages> {
	const oldImage = await buildImage({
		layers: [{entries: base, createdBy: 'ADD base'}, {entries: libs, createdBy: 'COPY libs'}, {entries: oldTop, createdBy: 'COPY app 1.0'}],
		config: {Env: [DEFAULT_PATH_ENV, 'APP_VERSION=1.0'], Cmd: ['/app/run']},
	});
	const newImage = await buildImage({
		layers: [{entries: base, createdBy: 'ADD base'}, {entries: libs, compression: 'zstd', createdBy: 'COPY libs'}, {entries: newTop, createdBy: 'COPY app 2.0'}],
		config: {Env: [DEFAULT_PATH_ENV, 'APP_VERSION=2.0'], Cmd: ['/app/run', '--tls']},
	});
	const layout = path.join(dir, 'app.layout');
	await writeOciLayout(layout, [
		{image: oldImage, refName: '1.0'},
		{image: newImage, refName: '2.0'},
	]);
	return {layout, oldRef: `oci://${layout}:1.0`, newRef: `oci://${layout}:2.0`, oldImage, newImage};
}

/** Both images through the real pipeline (source, layer reader, model, analysis, comparison), as peel diff loads them. */
export async function loadDiffData(images: DiffImages): Promise<DiffData> {
	const load = async (reference: string) => {
		const handle = await openImage(resolveInput(reference), {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
		try {
			return await loadImage(handle);
		} finally {
			await handle.close();
		}
	};
	const [oldImage, newImage] = await Promise.all([load(images.oldRef), load(images.newRef)]);
	return buildDiffData(compareImages(oldImage, newImage), oldImage, newImage);
}
