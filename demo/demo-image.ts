import {gnuGzip} from '../test/fixtures/compress.js';
import {buildImage, type BuiltImage, type HistorySpec, type LayerSpec} from '../test/fixtures/image.js';
import {deterministicBytes, deterministicText} from '../test/fixtures/random.js';
import type {TarEntrySpec} from '../test/fixtures/tar.js';

/**
 * The bundled demo: a tiny fake Debian-like image whose layers show every kind of change
 * peel reports. Each layer's comment says what it teaches. Layers are gzipped by GNU gzip so
 * that demo/demo.tar regenerates byte for byte on any machine.
 */

export const DEMO_TAG = 'peel-demo:latest';

const dir = (name: string, mode = 0o755): TarEntrySpec => ({name, type: 'directory', mode});
const file = (name: string, content: string | Buffer, mode = 0o644): TarEntrySpec => ({name, content, mode});
const symlink = (name: string, linkname: string): TarEntrySpec => ({name, type: 'symlink', linkname});
const hardlink = (name: string, linkname: string): TarEntrySpec => ({name, type: 'link', linkname});
const script = (body: string) => `#!/bin/sh\n# demo stand-in, not a real program\n${body}\n`;

const OS_RELEASE = 'PRETTY_NAME="Demo Linux 12 (bookworm)"\nNAME="Demo Linux"\nVERSION_ID="12"\nID=demo\n';
const LIBC = deterministicBytes('libc.so.6', 24 * 1024);

/** Layer 1, the base: usrmerge symlinks (/bin → usr/bin …), /etc, /usr/bin, /var/cache, a hardlink. */
const base: TarEntrySpec[] = [
	symlink('bin', 'usr/bin'),
	dir('etc/'),
	file('etc/group', 'root:x:0:\nstaff:x:50:\nnogroup:x:65534:\n'),
	file('etc/hostname', 'localhost\n'),
	file('etc/issue', 'Demo Linux 12 \\n \\l\n'),
	file('etc/motd', 'Welcome to the peel demo image.\n'),
	file('etc/os-release', OS_RELEASE),
	file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'),
	file('etc/shadow', 'root:*:19000:0:99999:7:::\n', 0o640),
	dir('home/'),
	symlink('lib', 'usr/lib'),
	dir('root/', 0o700),
	symlink('sbin', 'usr/sbin'),
	dir('tmp/', 0o1777),
	dir('usr/'),
	dir('usr/bin/'),
	file('usr/bin/cat', script('exec cat "$@"'), 0o755),
	file('usr/bin/gzip', script('exec gzip "$@"'), 0o755),
	hardlink('usr/bin/gunzip', 'usr/bin/gzip'),
	file('usr/bin/ls', script('exec ls "$@"'), 0o755),
	file('usr/bin/sh', script('exec dash "$@"'), 0o755),
	dir('usr/lib/'),
	dir('usr/lib/x86_64-linux-gnu/'),
	file('usr/lib/x86_64-linux-gnu/libc.so.6', LIBC),
	dir('usr/sbin/'),
	file('usr/sbin/nologin', script('echo "This account is currently not available."; exit 1'), 0o755),
	dir('usr/share/'),
	dir('usr/share/doc/'),
	dir('usr/share/doc/base-files/'),
	file('usr/share/doc/base-files/copyright', 'This is a demo; the files are stand-ins.\n'),
	dir('usr/share/doc/dash/'),
	file('usr/share/doc/dash/copyright', 'dash stand-in copyright.\n'),
	dir('var/'),
	dir('var/cache/'),
	dir('var/cache/apt/'),
	file('var/cache/apt/pkgcache.bin', deterministicBytes('pkgcache-v1', 4096)),
	dir('var/lib/'),
	dir('var/lib/apt/'),
	dir('var/log/'),
];

const DEB = 'var/cache/apt/archives/curl_7.88.1-10_amd64.deb';
const LISTS = 'var/lib/apt/lists';

/** Layer 2: apt-get install — added files, a modified file, a big .deb and package lists. */
const install: TarEntrySpec[] = [
	dir('etc/'),
	file('etc/ld.so.cache', deterministicBytes('ld.so.cache', 2048)),
	dir('usr/'),
	dir('usr/bin/'),
	file('usr/bin/curl', script('echo "curl stand-in"'), 0o755),
	dir('usr/lib/'),
	dir('usr/lib/x86_64-linux-gnu/'),
	file('usr/lib/x86_64-linux-gnu/libcurl.so.4', deterministicBytes('libcurl', 16 * 1024)),
	dir('var/'),
	dir('var/cache/'),
	dir('var/cache/apt/'),
	dir('var/cache/apt/archives/'),
	file(DEB, deterministicBytes('curl.deb', 320 * 1024)),
	file('var/cache/apt/pkgcache.bin', deterministicBytes('pkgcache-v2', 4096)),
	dir('var/lib/'),
	dir('var/lib/apt/'),
	dir(`${LISTS}/`),
	file(`${LISTS}/deb.debian.org_debian_dists_bookworm_InRelease`, deterministicText('InRelease', 40)),
	file(`${LISTS}/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages`, deterministicText('Packages', 1500)),
	dir(`${LISTS}/partial/`, 0o700),
];

/** Layer 3: cleanup in a later RUN — a file whiteout (the .deb: classic waste) and a directory whiteout. */
const cleanup: TarEntrySpec[] = [
	dir('var/'),
	dir('var/cache/'),
	dir('var/cache/apt/'),
	dir('var/cache/apt/archives/'),
	file(DEB.replace(/[^/]+$/, (name) => `.wh.${name}`), ''),
	dir('var/lib/'),
	dir('var/lib/apt/'),
	file('var/lib/apt/.wh.lists', ''),
];

/** Layer 4: COPY of the app — added directory tree and a hardlink. */
const app: TarEntrySpec[] = [
	dir('opt/'),
	dir('opt/app/'),
	dir('opt/app/bin/'),
	file('opt/app/bin/start', script('exec node /opt/app/server.js'), 0o755),
	hardlink('opt/app/bin/serve', 'opt/app/bin/start'),
	file('opt/app/package.json', '{\n  "name": "demo-app",\n  "version": "1.0.0",\n  "main": "server.js"\n}\n'),
	file('opt/app/README.md', '# demo app\n\nA stand-in application for the peel demo image.\n'),
	file('opt/app/server.js', 'console.log("hello from the peel demo");\n'),
];

/** Layer 5: chmod only — same bytes, new mode (metadata-only change, still a full copy). */
const chmod: TarEntrySpec[] = [
	dir('opt/'),
	dir('opt/app/'),
	file('opt/app/server.js', 'console.log("hello from the peel demo");\n', 0o755),
];

/** Layer 6: a file removed by a whiteout, and a modified file. */
const tidy: TarEntrySpec[] = [dir('etc/'), file('etc/.wh.motd', ''), file('etc/hostname', 'peel-demo\n')];

/** Layer 7: `rm -rf` then recreate — an opaque directory hides everything below it. */
const docs: TarEntrySpec[] = [
	dir('usr/'),
	dir('usr/share/'),
	dir('usr/share/doc/'),
	file('usr/share/doc/.wh..wh..opq', ''),
	file('usr/share/doc/README', 'Documentation was stripped from this image.\n'),
];

/** Layer 8: a reinstall that rewrites files with identical bytes and metadata (pure waste). */
const reinstall: TarEntrySpec[] = [
	dir('etc/'),
	file('etc/os-release', OS_RELEASE),
	dir('usr/'),
	dir('usr/lib/'),
	dir('usr/lib/x86_64-linux-gnu/'),
	file('usr/lib/x86_64-linux-gnu/libc.so.6', LIBC),
];

const RUN = (cmd: string) => `RUN /bin/sh -c ${cmd} # buildkit`;
const NOP = (cmd: string) => `/bin/sh -c #(nop)  ${cmd}`;

const steps: Array<{created_by: string; layer?: TarEntrySpec[]}> = [
	{created_by: '/bin/sh -c #(nop) ADD file:5c1e3bb2a4f0c7d6e9f8a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6 in / ', layer: base},
	{created_by: NOP('CMD ["/bin/sh"]')},
	{created_by: NOP('LABEL org.opencontainers.image.title=peel-demo')},
	{created_by: NOP('ENV APP_HOME=/opt/app')},
	{created_by: RUN('apt-get update && apt-get install -y --no-install-recommends curl'), layer: install},
	{created_by: RUN('rm -rf /var/lib/apt/lists && rm /var/cache/apt/archives/*.deb'), layer: cleanup},
	{created_by: NOP('ENV NODE_ENV=production')},
	{created_by: '/bin/sh -c #(nop) COPY dir:8d3f0b6a2e1c4d5f7a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f in /opt/app/ ', layer: app},
	{created_by: RUN('chmod +x /opt/app/server.js'), layer: chmod},
	{created_by: RUN('rm /etc/motd && echo peel-demo > /etc/hostname'), layer: tidy},
	{created_by: RUN('rm -rf /usr/share/doc && mkdir -p /usr/share/doc && echo "Documentation was stripped from this image." > /usr/share/doc/README'), layer: docs},
	{created_by: RUN('apt-get install -y --reinstall base-files libc6'), layer: reinstall},
	{created_by: NOP('WORKDIR /opt/app')},
	{created_by: NOP('EXPOSE 8080/tcp')},
	{created_by: NOP('CMD ["/opt/app/bin/start"]')},
];

/** One minute apart from a fixed start, so the history reads like a real build. */
function createdAt(i: number): string {
	return new Date(Date.UTC(2024, 0, 2, 3, 4, 5) + i * 60_000).toISOString().replace('.000Z', 'Z');
}

export async function buildDemoImage(): Promise<BuiltImage> {
	const layers: LayerSpec[] = [];
	const history: HistorySpec[] = [];
	steps.forEach((step, i) => {
		if (step.layer) layers.push({entries: step.layer, compression: 'gzip', encode: gnuGzip, createdBy: step.created_by});
		history.push({created: createdAt(i), created_by: step.created_by, ...(step.layer ? {} : {empty_layer: true})});
	});
	return buildImage({
		layers,
		history,
		config: {
			Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'APP_HOME=/opt/app', 'NODE_ENV=production'],
			Cmd: ['/opt/app/bin/start'],
			WorkingDir: '/opt/app',
			ExposedPorts: {'8080/tcp': {}},
			Labels: {'org.opencontainers.image.title': 'peel-demo'},
		},
	});
}
