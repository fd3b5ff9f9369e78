/**
 * `node build/test/commands/bench-cat.js [IMAGE PATH LAYER]`: where `peel cat` spends its
 * time on the bench image — loading the model versus reading the one file — against
 * `gzip -dc LAYER | tar -xO PATH` of the layer that stores it, in the same run.
 * Default: the last entry of layer 0 (the biggest layer), at --layer 0.
 */
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {ensureBenchImage, layerBlobs} from '../bench/bench-image.js';
import {ImageContent} from '../../source/content/image-content.js';
import {resolvePath} from '../../source/content/resolve-path.js';
import {loadImage} from '../../source/load/load-image.js';
import {openImage} from '../../source/sources/open-image.js';
import {hostPlatform} from '../../source/sources/platform.js';
import {fileURLToPath} from 'node:url';

const layout = process.argv[2] ?? (await ensureBenchImage(console.log));
const file = process.argv[3] ?? '/srv/d299/f119999.txt';
const layer = Number(process.argv[4] ?? 0);
const runs = 3;
// Run from the build (build/test/commands): the CLI is build/cli.js.
const PEEL = fileURLToPath(new URL('../../cli.js', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const shell = (script: string) => {
	const t = performance.now();
	const r = spawnSync('sh', ['-c', script], {maxBuffer: 1 << 28});
	if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
	return {ms: performance.now() - t, sha: createHash('sha256').update(r.stdout).digest('hex')};
};

const handle = await openImage({kind: 'oci-dir', path: layout, reference: layout}, {platform: hostPlatform(), insecureRegistries: []});
let t = performance.now();
const image = await loadImage(handle);
const loadMs = performance.now() - t;
const found = resolvePath(image.model.root, file, layer, true);
if (!found.ok) throw new Error(`${file}: ${found.problem}`);
const content = new ImageContent(image);
const stored = content.locate(found.node.path, found.version);
const reads: number[] = [];
let sha = '';
for (let i = 0; i < runs; i++) {
	const hash = createHash('sha256');
	t = performance.now();
	await content.read([{path: found.node.path, version: found.version, tag: null}], async (_, bytes) => {
		for await (const chunk of bytes) hash.update(chunk);
	});
	reads.push(performance.now() - t);
	sha = hash.digest('hex');
}
await handle.close();

const blob = layerBlobs(layout)[stored.layer]!;
const tars = Array.from({length: runs}, () => shell(`gzip -dc ${blob} | tar -xO ${stored.path}`));
if (tars[0]!.sha !== sha) throw new Error('peel and tar read different bytes');
const clis = Array.from({length: runs}, () => shell(`${process.execPath} ${PEEL} cat ${layout} ${file} --layer ${layer}`));
if (clis[0]!.sha !== sha) throw new Error('peel cat and the library read different bytes');

const read = median(reads);
const tar = median(tars.map(r => r.ms));
console.log(`file ${file} (${stored.size} B), entry "${stored.path}" of layer ${stored.layer}`);
console.log(`load the model (all ${image.model.layerCount} layers): ${Math.round(loadMs)} ms`);
console.log(`read the file (median of ${runs}): ${Math.round(read)} ms; gzip -dc | tar -xO: ${Math.round(tar)} ms; ratio ${(read / tar).toFixed(2)}`);
console.log(`peel cat, whole command (median of ${runs}): ${Math.round(median(clis.map(r => r.ms)))} ms`);
