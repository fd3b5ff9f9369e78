import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {writeDockerArchiveLegacy} from '../../fixtures/archives.js';
import {buildImage} from '../../fixtures/image.js';

/** A line of the big log, made independently of peel: its number is what the viewer must show beside it. */
export const bigLine = (n: number) => `row ${String(n).padStart(7, '0')} of the big log\n`;
export const BIG_LINES = 260_000;

/** Known contents of the viewer fixture. */
export const viewerKnown = {
	// A tab, an escape sequence that would paint the terminal red, and numbered lines.
	motd: `hello\tworld\n\u001B[31mred\n${Array.from({length: 60}, (_, i) => `line ${i + 1}${i === 41 ? ' needle here' : ''}\n`).join('')}`,
	tool: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]), randomBytes(992)]),
	big: Array.from({length: BIG_LINES}, (_, i) => bigLine(i + 1)).join(''),
};

/**
 * Two gzip layers: /etc/motd (text), /usr/bin/tool (binary), /var/log/big.log (over the
 * viewer's whole-file limit: paged), /etc/motd-link → motd; layer 1 rewrites /etc/motd.
 */
export async function writeViewerImage(dir: string): Promise<string> {
	const image = await buildImage({
		layers: [
			{
				compression: 'gzip',
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/motd', content: 'old motd\n'},
					{name: 'etc/motd-link', type: 'symlink', linkname: 'motd'},
					{name: 'usr/', type: 'directory'},
					{name: 'usr/bin/', type: 'directory'},
					{name: 'usr/bin/tool', content: viewerKnown.tool, mode: 0o755},
					{name: 'var/', type: 'directory'},
					{name: 'var/log/', type: 'directory'},
					{name: 'var/log/big.log', content: viewerKnown.big},
				],
			},
			{compression: 'gzip', entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/motd', content: viewerKnown.motd}]},
		],
	});
	const archive = path.join(dir, 'viewer.tar');
	await writeDockerArchiveLegacy(archive, [{image, repoTags: ['peel-viewer:latest']}]);
	return archive;
}
