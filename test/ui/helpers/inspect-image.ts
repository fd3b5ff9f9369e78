import path from 'node:path';
import {writeDockerArchiveLegacy, writeOciLayout} from '../../fixtures/archives.js';
import {buildImage, type BuiltImage} from '../../fixtures/image.js';
import {platformIndex} from '../../fixtures/image-index.js';

/** An Env value longer than any terminal line, ending in a marker the tests look for. */
export const LONG_ENV = `JAVA_OPTS=${Array.from({length: 24}, (_, i) => `-Dpeel.option${i}=value${i}`).join(' ')} -Dend=LAST`;

/** What a Debian-based service image's Dockerfile says (CMD, ENV, USER, EXPOSE, LABEL, …). */
export const inspectConfig = {
	Entrypoint: ['/usr/bin/tini', '--'],
	Cmd: ['nginx', '-g', 'daemon off;'],
	Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NGINX_VERSION=1.27.3', LONG_ENV, 'LANG=C.UTF-8'],
	WorkingDir: '/usr/share/nginx/html',
	User: 'www-data',
	ExposedPorts: {'8080/tcp': {}, '443/tcp': {}, '53/udp': {}},
	Volumes: {'/var/cache/nginx': {}, '/data': {}},
	Labels: {'org.opencontainers.image.version': '1.27.3', maintainer: 'NGINX Docker Maintainers', 'org.opencontainers.image.source': 'https://example.test/nginx'},
	StopSignal: 'SIGQUIT',
	Healthcheck: {Test: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'], Interval: 30_000_000_000, Timeout: 5_000_000_000, Retries: 3},
};

/** A small Debian-like image: /etc/debian_version, a package file, nginx's binary. */
export function buildInspectImage(platform: {os: string; architecture: string; variant?: string} = {os: 'linux', architecture: 'amd64'}): Promise<BuiltImage> {
	return buildImage({
		layers: [
			{
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/debian_version', content: '12.8\n'},
					{name: 'etc/os-release', content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'},
					{name: 'var/', type: 'directory'},
					{name: 'var/lib/', type: 'directory'},
					{name: 'var/lib/dpkg/', type: 'directory'},
					{name: 'var/lib/dpkg/status', content: 'Package: base-files\nStatus: install ok installed\n'},
				],
				createdBy: '/bin/sh -c #(nop) ADD file:bookworm in / ',
			},
			{
				entries: [
					{name: 'usr/', type: 'directory'},
					{name: 'usr/sbin/', type: 'directory'},
					{name: 'usr/sbin/nginx', content: 'nginx stand-in\n', mode: 0o755},
					{name: 'etc/', type: 'directory'},
					{name: 'etc/nginx.conf', content: 'events {}\n'},
				],
				createdBy: '/bin/sh -c apt-get install -y nginx',
			},
		],
		config: inspectConfig,
		platform,
	});
}

/** The image as `docker save` (≤ 24) writes it: no manifest, only the config — the image ID is its digest. */
export async function writeInspectArchive(dir: string): Promise<{file: string; image: BuiltImage}> {
	const image = await buildInspectImage();
	const file = path.join(dir, 'inspect.tar');
	await writeDockerArchiveLegacy(file, [{image, repoTags: ['peel-inspect:1.27']}]);
	return {file, image};
}

/** An OCI layout whose index.json points at a two-platform index (amd64, arm64/v8). */
export async function writeInspectLayout(dir: string): Promise<{dir: string; amd64: BuiltImage; arm64: BuiltImage; indexDigest: string}> {
	const amd64 = await buildInspectImage();
	const arm64 = await buildInspectImage({os: 'linux', architecture: 'arm64', variant: 'v8'});
	const layout = path.join(dir, 'inspect-layout');
	await writeOciLayout(layout, [{image: [amd64, arm64], refName: '1.27'}]);
	return {dir: layout, amd64, arm64, indexDigest: platformIndex([amd64, arm64]).digest};
}
