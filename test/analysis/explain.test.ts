import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {colourWord, explainImage, explainLayer, explainPath, sentenceText, type Sentence} from '../../source/analysis/explain/index.js';
import {changeKinds} from '../../source/model/change-kinds.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {formatBytes} from '../../source/text/bytes.js';
import {escapeText} from '../../source/text/escape.js';
import {ChangeCode, changeCode} from '../../source/ui/tree/change-code.js';
import {computeLayerView} from '../../source/ui/tree/layer-view.js';
import {buildTreeIndex} from '../../source/ui/tree/tree-index.js';
import {buildVersionTable} from '../../source/ui/tree/version-table.js';
import {createTheme} from '../../source/ui/theme.js';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {loadArchive} from '../ui/helpers/load-fixture.js';
import {fx, writeExplainArchive} from './explain-fixture.js';

const dir = tempDir('peel-explain-');
let image: AnalyzedImage;

beforeAll(async () => {
	const file = path.join(dir, 'explain.tar');
	await writeExplainArchive(file);
	image = await loadArchive(file);
});

const texts = (sentences: Sentence[]) => sentences.map(s => sentenceText(s, text => text));
const onPath = (p: string, layer: number, mode: 'layer' | 'aggregated' = 'layer') => texts(explainPath(image.model, image.analysis, image.history, p, layer, mode));
const cmd = (layer: number) => `layer ${layer} (\`${fx.shown[layer]}\`)`;
const layerSizes = [
	fx.passwd.before.length + fx.lists.a + fx.lists.b + fx.oldTxt + fx.tool,
	fx.passwd.after.length + fx.main,
	0,
	fx.tool,
	fx.newTxt + fx.main,
];
const total = layerSizes.reduce((a, b) => a + b, 0);

describe('explainPath, on a real archive of the fixture', () => {
	it('a whited-out directory: red, by which layer, through which whiteout, and the bytes still stored below', () => {
		const lines = onPath('/var/lib/apt/lists', 2);
		expect(lines[0]).toBe(`Red: removed by ${cmd(2)} through a whiteout \`.wh.lists\` in /var/lib/apt.`);
		expect(lines[1]).toBe(
			`Removing hides but deletes nothing: the ${formatBytes(fx.lists.a + fx.lists.b)} of 2 files under it are still stored in layer 0 and downloaded with every pull — reclaimable: delete them in the layer that created them.`,
		);
		const child = onPath('/var/lib/apt/lists/a', 2);
		expect(child[0]).toBe(`Red: removed by ${cmd(2)} along with /var/lib/apt/lists through a whiteout \`.wh.lists\` in /var/lib/apt.`);
		expect(child[1]).toContain(`its ${formatBytes(fx.lists.a)} are still stored in layer 0`);
		// Its parent turned yellow because of the three paths it lost.
		expect(onPath('/var/lib/apt', 2)[0]).toBe(`Yellow: this directory changed because 3 paths under it did in ${cmd(2)}: 3 removed.`);
	});

	it('a chmod: yellow, only the mode changed, the same bytes stored again and the lower copy reclaimable; dive counts both copies', () => {
		const lines = onPath('/usr/bin/tool', 3);
		expect(lines[0]).toBe(
			`Yellow: ${cmd(3)} changed only its mode 0644 → 0755, yet stored all ${formatBytes(fx.tool)} again; the ${formatBytes(fx.tool)} copy in layer 0 is still stored, hidden (reclaimable, metadata-only).`,
		);
		expect(lines).toContain(`dive counts ${formatBytes(2 * fx.tool)} of it as wasted: both copies, the one the final image shows included (peel's reclaimable leaves that one out).`);
	});

	it('the same bytes and metadata stored again: magenta, pure waste', () => {
		const lines = onPath('/app/main.py', 4);
		expect(lines[0]).toBe(
			`Magenta: ${cmd(4)} stored the same bytes and metadata again: ${formatBytes(fx.main)} of pure waste; the ${formatBytes(fx.main)} copy in layer 1 is still stored, hidden (reclaimable, rewritten unchanged).`,
		);
		expect(onPath('/app', 4)[0]).toBe(`Magenta: nothing in this directory changed, but ${cmd(4)} stored 1 path under it again unchanged, ${formatBytes(fx.main)} of pure waste.`);
	});

	it('added and modified files: green and yellow, with sizes and the layer\'s command', () => {
		expect(onPath('/app/main.py', 1)[0]).toBe(`Green: added by ${cmd(1)}, ${formatBytes(fx.main)}.`);
		const passwd = onPath('/etc/passwd', 1);
		expect(passwd[0]).toBe(
			`Yellow: modified by ${cmd(1)}: ${formatBytes(fx.passwd.before.length)} → ${formatBytes(fx.passwd.after.length)}; the ${formatBytes(fx.passwd.before.length)} copy in layer 0 is still stored, hidden (reclaimable, overwritten).`,
		);
		expect(passwd).toContain(`Layer 0 (\`${fx.shown[0]}\`) added it: ${formatBytes(fx.passwd.before.length)}.`);
		expect(onPath('/etc/passwd', 3)[0]).toBe(`Not changed by layer 3: it is as ${cmd(1)} changed it, ${formatBytes(fx.passwd.after.length)}.`);
	});

	it('an opaque directory: what it hid, and why its children are red', () => {
		expect(onPath('/opt/app', 4)[0]).toBe(`Yellow: this directory changed because 2 paths under it did in ${cmd(4)}: 1 added and 1 removed.`);
		const old = onPath('/opt/app/old.txt', 4);
		expect(old[0]).toBe(`Red: removed by ${cmd(4)} by making /opt/app opaque (\`.wh..wh..opq\`): it hides everything lower layers put in it.`);
		expect(old[1]).toContain(`its ${formatBytes(fx.oldTxt)} are still stored in layer 0`);
		expect(onPath('/opt/app/new.txt', 4)[0]).toBe(`Green: added by ${cmd(4)}, ${formatBytes(fx.newTxt)}.`);
	});

	it('the aggregated view: the net change from layer 0', () => {
		expect(onPath('/var/lib/apt/lists', 4, 'aggregated')[0]).toBe(`Red: gone by layer 4: removed by ${cmd(2)} through a whiteout \`.wh.lists\` in /var/lib/apt.`);
		expect(onPath('/usr/bin/tool', 4, 'aggregated')[0]).toBe('Yellow: changed between layer 0 and layer 4, by layer 3.');
		expect(onPath('/app/main.py', 4, 'aggregated')[0]).toBe(`Green: not in layer 0, there at layer 4: added by ${cmd(1)}.`);
	});

	it('names the colour each row really has, in every view of every layer, as the theme draws it', () => {
		const theme = createTheme(true);
		for (const kind of changeKinds) expect(theme.change[changeCode(kind)]).toBe(colourWord[kind].toLowerCase());
		const index = buildTreeIndex(image.model.root);
		const table = buildVersionTable(index);
		let checked = 0;
		for (const mode of ['layer', 'aggregated'] as const) {
			for (let layer = 0; layer < image.model.layerCount; layer++) {
				const view = computeLayerView(index, table, layer, mode);
				for (let i = 1; i < index.size; i++) {
					const code = view.change[i]!;
					if (code === ChangeCode.Absent) continue;
					const first = explainPath(image.model, image.analysis, image.history, index.nodes[i]!.path, layer, mode)[0]!;
					expect(first.colour === null ? ChangeCode.Untouched : changeCode(first.colour), `${index.nodes[i]!.path} at ${mode} ${layer}`).toBe(code);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(60);
	});
});

describe('explainLayer and explainImage', () => {
	const layer = (n: number) => texts(explainLayer(image.model, image.analysis, image.history, n));
	const pct = (part: number) => `${Math.round((part / total) * 100)} %`;

	it('a layer: its share, what it added/modified/removed in bytes, and the bytes it hid from lower layers', () => {
		expect(layer(0)[0]).toBe(`Layer 0 (\`${fx.shown[0]}\`) is ${formatBytes(layerSizes[0]!)}, ${pct(layerSizes[0]!)} of the image's ${formatBytes(total)}.`);
		expect(layer(1)).toContain(`Green: it added 2 paths, storing ${formatBytes(fx.main)}.`);
		expect(layer(1)).toContain(`Yellow: it modified 1 path, storing each one whole again: ${formatBytes(fx.passwd.after.length)}.`);
		const removal = formatBytes(fx.lists.a + fx.lists.b);
		expect(layer(2)).toContain(`Red: it removed 3 paths (whiteouts and opaque directories), ${removal} of files as the layer below had them.`);
		expect(layer(2)).toContain(`It hid ${removal} that lower layers still store (${removal} removed): every pull downloads them, the final image never shows them.`);
		expect(layer(3)).toContain(`It hid ${formatBytes(fx.tool)} that lower layers still store (${formatBytes(fx.tool)} copied by a chmod/chown): every pull downloads them, the final image never shows them.`);
		expect(layer(4)).toContain(`Magenta: it stored 1 path again unchanged: ${formatBytes(fx.main)} of pure waste.`);
		expect(layer(4)).toContain(
			`It hid ${formatBytes(fx.oldTxt + fx.main)} that lower layers still store (${formatBytes(fx.oldTxt)} removed and ${formatBytes(fx.main)} stored again unchanged): every pull downloads them, the final image never shows them.`,
		);
		expect(layer(1)).toContain(`Later layer 4 hides ${formatBytes(fx.main)} of what it stores (reclaimable: ${Math.round((fx.main / layerSizes[1]!) * 100)} % of this layer).`);
	});

	it('the image: how the layers stack, with its own figures', () => {
		const paragraph = texts(explainImage(image.model, image.analysis, image.history)).join(' ');
		const reclaimable = fx.passwd.before.length + fx.lists.a + fx.lists.b + fx.tool + fx.oldTxt + fx.main;
		// dive: every copy of the paths stored twice (passwd, tool, main.py), the visible one included.
		const wasted = fx.passwd.before.length + fx.passwd.after.length + 2 * fx.tool + 2 * fx.main;
		expect(paragraph).toContain(`This image is a stack of 5 layers, ${formatBytes(total)} in all, numbered from 0 at the bottom`);
		expect(paragraph).toContain(`Layer 0 (\`${fx.shown[0]}\`) lays the base: ${formatBytes(layerSizes[0]!)}, ${pct(layerSizes[0]!)} of the image.`);
		expect(paragraph).toContain(`here ${formatBytes(reclaimable)} (${pct(reclaimable)} of the image) is stored but hidden like that (reclaimable), ${formatBytes(fx.lists.a + fx.lists.b)} of it hidden by ${cmd(2)}.`);
		expect(paragraph).toContain(`dive counts ${formatBytes(wasted)} as wasted`);
		// The final filesystem: etc, passwd, var, lib, apt, opt, app, new.txt, usr, bin, tool, /app, main.py.
		expect(paragraph).toContain(`here 13 paths, ${formatBytes(fx.passwd.after.length + fx.tool + fx.main + fx.newTxt)} of files.`);
	});
});

describe('hostile strings', () => {
	it('keeps names and commands as image parts, which the view escapes', async () => {
		const file = path.join(dir, 'hostile.tar');
		const evil = 'evil\u001b[2J\u202e.txt';
		const built = await buildImage({
			layers: [
				{entries: [{name: evil, content: 'x'}], createdBy: '/bin/sh -c echo \u001b]0;pwned\u0007'},
				{entries: [{name: `.wh.${evil}`}], createdBy: '/bin/sh -c rm *'},
			],
		});
		await writeDockerArchiveLegacy(file, [{image: built, repoTags: ['hostile:1']}]);
		const hostile = await loadArchive(file);
		const sentences = explainPath(hostile.model, hostile.analysis, hostile.history, `/${evil}`, 1);
		const shown = sentences.map(s => sentenceText(s, escapeText)).join('\n');
		expect(shown).toContain('.wh.evil\\x1b[2J\\u202e.txt');
		// eslint-disable-next-line no-control-regex
		expect(shown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
		const story = texts(explainPath(hostile.model, hostile.analysis, hostile.history, `/${evil}`, 1)).join('\n');
		expect(story).toContain('\u001b]0;pwned');
	});
});

describe('dive\'s wasted beside peel\'s reclaimable', () => {
	it('a removed file: dive counts its whiteout as a copy, peel only the bytes still stored', async () => {
		const file = path.join(dir, 'removed.tar');
		const built = await buildImage({
			layers: [
				{entries: [{name: 'big.bin', content: 'b'.repeat(5000)}], createdBy: '/bin/sh -c fetch big.bin'},
				{entries: [{name: '.wh.big.bin'}], createdBy: '/bin/sh -c rm big.bin'},
			],
		});
		await writeDockerArchiveLegacy(file, [{image: built, repoTags: ['removed:1']}]);
		const removed = await loadArchive(file);
		const lines = texts(explainPath(removed.model, removed.analysis, removed.history, '/big.bin', 1));
		expect(lines[0]).toBe('Red: removed by layer 1 (`rm big.bin`) through a whiteout `.wh.big.bin` in /.');
		expect(lines).toContain(`${formatBytes(5000)} of its stored copies are hidden in the final image: reclaimable.`);
		expect(lines).toContain(`dive counts ${formatBytes(5000)} of it as wasted: 2 layers list it, the whiteout that removed it included.`);
	});
});
