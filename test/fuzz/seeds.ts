import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
	ociLayoutFiles, writeContainerdStore, writeCraneTarball, writeDocker25Classic, writeDockerArchiveLegacy, writeOciArchive,
	writePodmanArchive,
} from '../fixtures/archives.js';
import {buildImage, type BuiltImage, type LayerSpec} from '../fixtures/image.js';
import {DEMO_TAR} from './repo.js';
import {filesOfTar, withOrigins, type FuzzFile, type FuzzInput} from './files.js';


/** Layers that give each parser something to chew on: dirs, links, whiteouts, an opaque dir, uid/gid, PAX. */
const layers = (compression: LayerSpec['compression']): LayerSpec[] => [
	{
		entries: [
			{name: 'etc/', type: 'directory'},
			{name: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n'},
			{name: 'usr/bin/', type: 'directory'},
			{name: 'usr/bin/tool', content: 'x'.repeat(3000), mode: 0o755},
			{name: 'bin', type: 'symlink', linkname: 'usr/bin'},
			{name: 'usr/bin/tool2', type: 'link', linkname: 'usr/bin/tool'},
			{name: `var/${'long/'.repeat(30)}file`, content: 'deep\n', uid: 1000, gid: 1000},
		],
		compression,
		createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
	},
	{
		entries: [
			{name: 'etc/.wh.passwd'},
			{name: 'usr/bin/tool', content: 'y'.repeat(3000), mode: 0o755},
			{name: 'var/.wh..wh..opq'},
			{name: 'app/data.bin', content: Buffer.alloc(700, 7), pax: {'SCHILY.xattr.user.k': 'v'}},
		],
		compression: compression === 'estargz' ? 'gzip' : compression,
		createdBy: 'RUN /bin/sh -c rm /etc/passwd && build',
	},
];

async function image(compression: LayerSpec['compression'], mediaTypes: 'oci' | 'docker' = 'oci', arch = 'amd64'): Promise<BuiltImage> {
	return buildImage({layers: layers(compression), platform: {os: 'linux', architecture: arch}, config: {Cmd: ['/bin/sh']}}, {mediaTypes});
}

/** Runs a fixture writer into a temp file and reads the archive back as files. */
export async function viaFile(write: (file: string) => Promise<unknown>): Promise<FuzzFile[]> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'peel-fuzz-seed-'));
	try {
		const file = path.join(dir, 'a.tar');
		await write(file);
		return filesOfTar(await readFile(file));
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

const layoutFiles = (files: Map<string, Buffer>): FuzzFile[] =>
	[...files].map(([name, content]) => ({name, type: 'file' as const, content}));

/** The seed images: one per archive dialect and layout form, plus the bundled demo. */
export async function buildSeeds(): Promise<FuzzInput[]> {
	const plain = await image('none', 'docker');
	const gz = await image('gzip');
	const zst = await image('zstd');
	const star = await image('estargz');
	const arm = await image('gzip', 'oci', 'arm64');
	const tagged = (img: BuiltImage) => [{image: img, repoTags: ['fuzz:latest']}];
	const seeds: Array<[string, FuzzInput['form'], FuzzFile[]]> = [
		['docker-legacy', 'tar', await viaFile(f => writeDockerArchiveLegacy(f, tagged(plain)))],
		['docker-legacy.gz', 'tar.gz', await viaFile(f => writeDockerArchiveLegacy(f, tagged(plain)))],
		['docker25-classic', 'tar', await viaFile(f => writeDocker25Classic(f, tagged(gz)))],
		['containerd-store', 'tar', await viaFile(f => writeContainerdStore(f, {platforms: [gz, arm], repoTags: ['fuzz:latest']}))],
		['podman-archive', 'tar', await viaFile(f => writePodmanArchive(f, tagged(plain)))],
		['crane-tarball', 'tar', await viaFile(f => writeCraneTarball(f, zst, 'fuzz:latest'))],
		['oci-archive', 'tar', await viaFile(f => writeOciArchive(f, [{image: zst, refName: 'latest'}]))],
		['oci-layout', 'layout', layoutFiles(ociLayoutFiles([{image: gz, refName: 'latest'}]))],
		['estargz', 'layout', layoutFiles(ociLayoutFiles([{image: star, refName: 'latest'}]))],
		['image-index', 'layout', layoutFiles(ociLayoutFiles([{image: [gz, arm], refName: 'latest'}], {nested: true}))],
		['demo', 'tar', await filesOfTar(await readFile(DEMO_TAR))],
	];
	return seeds.map(([label, form, files]) => ({label, form, files: withOrigins(files)}));
}
