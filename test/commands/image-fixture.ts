import {randomBytes} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {writeDockerArchiveLegacy, writeOciLayout} from '../fixtures/archives.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';

/** Known contents of the look-inside fixture: what a correct reader must return. */
export const known = {
	sh: '#!/bin/sh\necho image sh\n',
	passwd: 'root:x:0:0:image passwd, not the host\'s:/root:/bin/sh\n',
	hostsV1: '127.0.0.1 v1\n',
	hostsV2: '127.0.0.1 v2 (layer 1)\n',
	gone: 'removed by a whiteout in layer 1\n',
	late: 'written as bin/late over bin → usr/bin\n',
	dupFirst: 'first copy in layer 1\n',
	dupLast: 'last copy in layer 1 wins\n',
	shadow: 'root:*:19000:0:99999:7:::\n',
	blob: randomBytes(300_000),
	opt: 'uncompressed layer\n',
	pwned: 'must land inside the destination\n',
};

/**
 * Four layers (gzip, zstd, plain, gzip) with usrmerge, absolute/relative/chained links, an
 * escaping link, a loop, hardlinks, a whiteout, a duplicate path, a set-uid file and a
 * symlink pointing at `hostTarget` (an absolute host path) with a file written "through" it.
 */
export async function lookInsideImage(hostTarget: string): Promise<BuiltImage> {
	return buildImage({
		layers: [
			{
				compression: 'gzip',
				entries: [
					{name: 'usr/', type: 'directory'},
					{name: 'usr/bin/', type: 'directory'},
					{name: 'usr/bin/sh', content: known.sh, mode: 0o755},
					{name: 'usr/bin/sh-hard', type: 'link', linkname: 'usr/bin/sh'},
					{name: 'usr/bin/suid', content: 'suid', mode: 0o4755},
					{name: 'bin', type: 'symlink', linkname: 'usr/bin'},
					{name: 'abs', type: 'symlink', linkname: '/usr/bin/sh'},
					{name: 'chain', type: 'symlink', linkname: 'abs'},
					{name: 'escape', type: 'symlink', linkname: '../../../etc/passwd'},
					{name: 'loop-a', type: 'symlink', linkname: 'loop-b'},
					{name: 'loop-b', type: 'symlink', linkname: '/loop-a'},
					{name: 'etc/', type: 'directory'},
					{name: 'etc/passwd', content: known.passwd},
					{name: 'etc/shadow', content: known.shadow, mode: 0o640, uid: 0, gid: 42},
					{name: 'etc/hosts', content: known.hostsV1},
					{name: 'etc/gone', content: known.gone},
					{name: 'data/', type: 'directory', mode: 0o750},
					{name: 'data/blob.bin', content: known.blob},
					{name: 'data/empty', content: ''},
				],
			},
			{
				compression: 'zstd',
				entries: [
					{name: 'etc/hosts', content: known.hostsV2},
					{name: 'etc/.wh.gone'},
					{name: 'bin/late', content: known.late},
					{name: 'data/dup', content: known.dupFirst},
					{name: 'data/dup', content: known.dupLast},
					{name: 'data/hosts-hard', type: 'link', linkname: 'etc/hosts'},
				],
			},
			{compression: 'none', entries: [{name: 'opt/', type: 'directory'}, {name: 'opt/plain.txt', content: known.opt}, {name: 'evil', type: 'symlink', linkname: hostTarget}]},
			{compression: 'gzip', entries: [{name: 'evil/pwned', content: known.pwned}]},
		],
	});
}

/** The fixture as an OCI layout (tag `t`) and a docker-save archive; each layer's tar on disk too. */
export async function writeLookInside(dir: string, hostTarget: string): Promise<{image: BuiltImage; layout: string; archive: string; layerTars: string[]}> {
	const image = await lookInsideImage(hostTarget);
	const layout = path.join(dir, 'layout');
	await writeOciLayout(layout, [{image, refName: 't'}]);
	const archive = path.join(dir, 'image.tar');
	await writeDockerArchiveLegacy(archive, [{image, repoTags: ['look:inside']}]);
	const layerTars = image.layers.map((layer, i) => {
		const file = path.join(dir, `layer${i}.tar`);
		writeFileSync(file, layer.tar);
		return file;
	});
	return {image, layout, archive, layerTars};
}
