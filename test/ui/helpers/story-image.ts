import {createHash, randomBytes} from 'node:crypto';
import path from 'node:path';
import {writeDockerArchiveLegacy} from '../../fixtures/archives.js';
import {buildImage, type LayerSpec} from '../../fixtures/image.js';

const settings = (values: Record<number, string>, extra = '') => Array.from({length: 20}, (_, i) => `setting ${i + 1} = ${values[i + 1] ?? 'default'}\n`).join('') + extra;

/** The versions of /etc/app.conf, layer by layer, and what each layer did (the fixture's definition). */
export const storyKnown = {
	v0: settings({}),
	// Layer 1 changes settings 5 and 15 and adds a line at the end.
	v1: settings({5: 'five', 15: 'fifteen'}, 'added in layer 1\n'),
	v5: 'back again in layer 5\n',
	tool0: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), randomBytes(500)]),
	tool1: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), randomBytes(700)]),
	commands: ['ADD base', 'RUN edit app.conf', 'RUN chmod 600 app.conf && chown 1000:1000 app.conf', 'RUN reinstall app.conf', 'RUN rm app.conf', 'RUN write app.conf again'],
};

/** The content hash peel shows for bytes (sha256, base64url, 22 characters), worked out here. */
export const hashOf = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('base64url').slice(0, 22);

/**
 * Six layers over /etc/app.conf: added (0), modified (1), chmod+chown only (2), stored again
 * unchanged (3), removed by a whiteout (4), added again (5); /usr/bin/tool, binary, changes in layer 1.
 */
export async function writeStoryImage(dir: string): Promise<string> {
	const etc = {name: 'etc/', type: 'directory' as const};
	const layers: LayerSpec[] = [
		{entries: [etc, {name: 'etc/app.conf', content: storyKnown.v0, mode: 0o644}, {name: 'usr/', type: 'directory' as const}, {name: 'usr/bin/', type: 'directory' as const}, {name: 'usr/bin/tool', content: storyKnown.tool0, mode: 0o755}]},
		{entries: [etc, {name: 'etc/app.conf', content: storyKnown.v1, mode: 0o644}, {name: 'usr/', type: 'directory' as const}, {name: 'usr/bin/', type: 'directory' as const}, {name: 'usr/bin/tool', content: storyKnown.tool1, mode: 0o755}]},
		{entries: [etc, {name: 'etc/app.conf', content: storyKnown.v1, mode: 0o600, uid: 1000, gid: 1000}]},
		{entries: [etc, {name: 'etc/app.conf', content: storyKnown.v1, mode: 0o600, uid: 1000, gid: 1000}]},
		{entries: [etc, {name: 'etc/.wh.app.conf', content: ''}]},
		{entries: [etc, {name: 'etc/app.conf', content: storyKnown.v5, mode: 0o644}]},
	];
	const image = await buildImage({layers: layers.map((layer, i) => ({...layer, createdBy: `/bin/sh -c ${storyKnown.commands[i]}`}))});
	const archive = path.join(dir, 'story.tar');
	await writeDockerArchiveLegacy(archive, [{image, repoTags: ['peel-story:latest']}]);
	return archive;
}
