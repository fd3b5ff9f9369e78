import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage, type ImageSpec} from '../fixtures/image.js';

/** Sizes and commands of the explain fixture: the expected sentences are built from these. */
export const fx = {
	passwd: {before: 'root:x:0:0:root:/root:/bin/sh\n', after: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n'},
	lists: {a: 4000, b: 6000},
	tool: 3000,
	main: 2500,
	oldTxt: 100,
	newTxt: 50,
	commands: [
		'/bin/sh -c #(nop) ADD file:base in / ',
		'/bin/sh -c useradd app && cp main.py /app/',
		'/bin/sh -c rm -rf /var/lib/apt/lists',
		'/bin/sh -c chmod +x /usr/bin/tool',
		'/bin/sh -c rm -rf /opt/app && mkdir /opt/app && touch /app/main.py',
	],
	/** As the Layers pane shows them (the shell wrapper and #(nop) dropped). */
	shown: ['ADD file:base in /', 'useradd app && cp main.py /app/', 'rm -rf /var/lib/apt/lists', 'chmod +x /usr/bin/tool', 'rm -rf /opt/app && mkdir /opt/app && touch /app/main.py'],
};

/**
 * Five layers, one fact each: 0 the base; 1 modifies /etc/passwd and adds /app/main.py;
 * 2 whites out the directory /var/lib/apt/lists (two files, 10 kB); 3 chmods /usr/bin/tool
 * (the same 3000 bytes stored again, mode 0644 → 0755); 4 makes /opt/app opaque (hiding
 * old.txt, adding new.txt) and stores /app/main.py again unchanged.
 */
export const explainSpec: ImageSpec = {
	layers: [
		{
			entries: [
				{name: 'etc/', type: 'directory'},
				{name: 'etc/passwd', content: fx.passwd.before},
				{name: 'var/', type: 'directory'},
				{name: 'var/lib/', type: 'directory'},
				{name: 'var/lib/apt/', type: 'directory'},
				{name: 'var/lib/apt/lists/', type: 'directory'},
				{name: 'var/lib/apt/lists/a', content: 'a'.repeat(fx.lists.a)},
				{name: 'var/lib/apt/lists/b', content: 'b'.repeat(fx.lists.b)},
				{name: 'opt/', type: 'directory'},
				{name: 'opt/app/', type: 'directory'},
				{name: 'opt/app/old.txt', content: 'o'.repeat(fx.oldTxt)},
				{name: 'usr/', type: 'directory'},
				{name: 'usr/bin/', type: 'directory'},
				{name: 'usr/bin/tool', content: 't'.repeat(fx.tool), mode: 0o644},
			],
			createdBy: fx.commands[0],
		},
		{
			entries: [
				{name: 'etc/', type: 'directory'},
				{name: 'etc/passwd', content: fx.passwd.after},
				{name: 'app/', type: 'directory'},
				{name: 'app/main.py', content: 'm'.repeat(fx.main)},
			],
			createdBy: fx.commands[1],
		},
		{entries: [{name: 'var/lib/apt/', type: 'directory'}, {name: 'var/lib/apt/.wh.lists'}], createdBy: fx.commands[2]},
		{entries: [{name: 'usr/bin/', type: 'directory'}, {name: 'usr/bin/tool', content: 't'.repeat(fx.tool), mode: 0o755}], createdBy: fx.commands[3]},
		{
			entries: [
				{name: 'opt/app/', type: 'directory'},
				{name: 'opt/app/.wh..wh..opq'},
				{name: 'opt/app/new.txt', content: 'n'.repeat(fx.newTxt)},
				{name: 'app/', type: 'directory'},
				{name: 'app/main.py', content: 'm'.repeat(fx.main)},
			],
			createdBy: fx.commands[4],
		},
	],
};

/** The fixture as a `docker save` tarball at `file`. */
export async function writeExplainArchive(file: string): Promise<void> {
	const image = await buildImage(explainSpec);
	await writeDockerArchiveLegacy(file, [{image, repoTags: ['peel-explain:latest']}]);
}
