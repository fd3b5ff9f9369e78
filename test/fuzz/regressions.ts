import {link, rm, symlink} from 'node:fs/promises';
import path from 'node:path';
import {MEDIA_TYPES, type LayerSpec} from '../fixtures/image.js';
import {makeRawTar} from '../fixtures/raw-tar.js';
import type {Mode} from './contract.js';
import {deepJson} from './hostile.js';
import {paxBlock, paxRecord} from './mutate-tar.js';
import {
	configPath, editedArchive, editedLayout, goodImage, layoutFromBlobs, manifestPath, manyFilesLayer, zstdBombLayer, type Edit,
} from './regression-inputs.js';
import {DEFAULT_LIMITS, runCase, type CaseDirs} from './run-case.js';
import type {LimitedRun, Limits} from './run-limited.js';

/**
 * Issue 14's failures, each built in code: the contract, plus the case's own expectation.
 * `full` (npm run fuzz) uses the sizes of the issue where the quick run (npm test) uses
 * smaller ones with a per-entry bound.
 */
export interface RegressionCase {
	name: string;
	prepare(dirs: CaseDirs): Promise<{args: string[]; mode: Mode; jsonOut?: string}>;
	limits?: Limits;
	/** The case's own promise beyond the contract: a reason when broken, else null. */
	expect?(run: LimitedRun): string | null;
}

const json = (dirs: CaseDirs, input: string) => ({args: ['--json', path.join(dirs.out, 'r.json'), input], mode: 'json' as const, jsonOut: path.join(dirs.out, 'r.json')});
const exit2 = (pattern?: RegExp) => (run: LimitedRun) =>
	run.code !== 2 ? `exit ${run.code}, expected 2` : pattern && !pattern.test(run.stderr) ? `the line does not match ${pattern}: ${run.stderr.slice(0, 200)}` : null;
const within = (ms: number) => (run: LimitedRun) => (run.ms > ms ? `took ${run.ms} ms, over ${ms} ms` : null);
const all = (...checks: Array<(run: LimitedRun) => string | null>) => (run: LimitedRun) => checks.map(c => c(run)).find(Boolean) ?? null;

/** A layout whose first layer is the given raw tar. */
async function rawTarLayout(dirs: CaseDirs, tar: Buffer, compression: LayerSpec['compression'] = 'gzip') {
	const image = await goodImage([{entries: [], rawTar: tar, compression}]);
	return editedLayout(path.join(dirs.input, 'layout'), image);
}

/** A layout edited through its documents (digests fixed up afterwards). */
async function layoutEdited(dirs: CaseDirs, edit: (e: Edit, image: Awaited<ReturnType<typeof goodImage>>) => void) {
	return editedLayout(path.join(dirs.input, 'layout'), await goodImage(), edit);
}

function jsonOntoInput(name: string, place: (dirs: CaseDirs) => Promise<{input: string; out: string}>): RegressionCase {
	return {
		name,
		async prepare(dirs) {
			const {input, out} = await place(dirs);
			return {args: ['--json', out, input], mode: 'json'};
		},
		expect: exit2(/overwrite|image itself|choose another/),
	};
}

const typeCases: Array<[string, (e: Edit, image: any) => void]> = [
	['manifest layers null', (e, i) => e.json(manifestPath(i), m => (m.layers = null))],
	['manifest layers a string', (e, i) => e.json(manifestPath(i), m => (m.layers = 'x'))],
	['manifest layers [null]', (e, i) => e.json(manifestPath(i), m => (m.layers = [null]))],
	['manifest config missing', (e, i) => e.json(manifestPath(i), m => delete m.config)],
	['manifest config.digest a number', (e, i) => e.json(manifestPath(i), m => (m.config.digest = 5))],
	['index manifests null', e => e.json('index.json', x => (x.manifests = null))],
	['index manifests an object', e => e.json('index.json', x => (x.manifests = {a: 1}))],
	['index manifest digest missing', e => e.json('index.json', x => delete x.manifests[0].digest)],
	['index annotations a string', e => e.json('index.json', x => (x.manifests[0].annotations = 'x'))],
	['config rootfs null', (e, i) => e.json(configPath(i), c => (c.rootfs = null))],
	['config diff_ids a string', (e, i) => e.json(configPath(i), c => (c.rootfs.diff_ids = 'x'))],
	['config diff_ids [5, null]', (e, i) => e.json(configPath(i), c => (c.rootfs.diff_ids = [5, null]))],
	['config history an object', (e, i) => e.json(configPath(i), c => (c.history = {a: 1}))],
	['config history [null]', (e, i) => e.json(configPath(i), c => (c.history = [null, null]))],
	['config created_by a number', (e, i) => e.json(configPath(i), c => (c.history[0].created_by = 7))],
	['config config a string', (e, i) => e.json(configPath(i), c => (c.config = 'x'))],
	['config Env a string', (e, i) => e.json(configPath(i), c => (c.config.Env = 'PATH=/bin'))],
	['config os null', (e, i) => e.json(configPath(i), c => (c.os = null))],
	['config a JSON array', (e, i) => e.text(configPath(i), () => '[1,2]')],
	['config the JSON null', (e, i) => e.text(configPath(i), () => 'null')],
];

const sizeCases: Array<[string, (size: number) => number | string]> = [
	['negative', () => -1], ['fractional', s => s + 0.5], ['beyond 2^53', () => 2 ** 53 + 2], ['one more', s => s + 1], ['one less', s => s - 1], ['a string', s => String(s)],
];

const legacyTypeCases: Array<[string, (m: any) => unknown]> = [
	['manifest.json an object', () => ({})],
	['manifest.json [null]', () => [null]],
	['manifest.json Layers a string', m => [{...m[0], Layers: 'x'}]],
	['manifest.json Layers null', m => [{...m[0], Layers: null}]],
	['manifest.json Config a number', m => [{...m[0], Config: 5}]],
	['manifest.json Config missing', m => [{RepoTags: m[0].RepoTags, Layers: m[0].Layers}]],
	['manifest.json RepoTags a string', m => [{...m[0], RepoTags: 'x:1'}]],
	['manifest.json Layers [7]', m => [{...m[0], Layers: [7]}]],
];

const CONTROL_NAME = '\n\x1b[32mpeel: all fine, exit 0';

export function regressionCases(options: {full?: boolean} = {}): RegressionCase[] {
	const manyFiles = options.full ? 1_000_000 : 200_000;
	const bombBytes = options.full ? 4 * 2 ** 30 : 2 ** 30;
	return [
		// 1. --json onto the input, by another name
		jsonOntoInput('--json onto the input through a symlink', async dirs => {
			const input = await editedArchive(path.join(dirs.input, 'image.tar'), [{image: await goodImage(), repoTags: ['x:1']}]);
			await symlink('image.tar', path.join(dirs.input, 'report.json'));
			return {input, out: path.join(dirs.input, 'report.json')};
		}),
		jsonOntoInput('--json onto the input through a hardlink', async dirs => {
			const input = await editedArchive(path.join(dirs.input, 'image.tar'), [{image: await goodImage(), repoTags: ['x:1']}]);
			await link(input, path.join(dirs.input, 'report.json'));
			return {input, out: path.join(dirs.input, 'report.json')};
		}),
		jsonOntoInput('--json onto a layout file (index.json)', async dirs => {
			const input = await layoutEdited(dirs, () => {});
			return {input, out: path.join(input, 'index.json')};
		}),
		jsonOntoInput('--json onto a layout blob through a symlinked directory', async dirs => {
			const image = await goodImage();
			const input = await editedLayout(path.join(dirs.input, 'layout'), image);
			await symlink('layout', path.join(dirs.input, 'alias'));
			return {input, out: path.join(dirs.input, 'alias', configPath(image))};
		}),
		// 2. PAX paths of very many components
		{
			name: 'PAX path of 65,535 components (memory)',
			async prepare(dirs) {
				const tar = makeRawTar([{header: paxBlock(paxRecord('path', `${'a/'.repeat(65_535)}f`)), data: undefined}, {header: {name: 'placeholder'}, data: 'x'}]);
				return json(dirs, await rawTarLayout(dirs, tar));
			},
			limits: {timeMs: 60_000, rssMb: 400},
			expect: within(30_000),
		},
		{
			name: 'PAX path of 32,768 components (quadratic JSON)',
			async prepare(dirs) {
				const tar = makeRawTar([{header: paxBlock(paxRecord('path', `${'a/'.repeat(32_768)}f`)), data: undefined}, {header: {name: 'placeholder'}, data: 'x'}]);
				return json(dirs, await rawTarLayout(dirs, tar));
			},
			limits: {timeMs: 60_000, rssMb: 400},
			expect: all(within(20_000), run => (run.code === 0 && run.stdoutBytes > 0 ? 'JSON on stdout' : null)),
		},
		// 3. a 10,000-deep JSON value where a timestamp should be
		{
			name: 'config history[].created nested 10,000 deep',
			prepare: async dirs => json(dirs, await layoutEdited(dirs, (e, image) => e.text(configPath(image), t => t.replace('"created":"2024-01-02T03:04:05Z","created_by"', `"created":${deepJson(10_000)},"created_by"`)))),
		},
		// 4. zstd: a bomb and a window beyond any sane decoder limit
		{
			name: `zstd bomb (${bombBytes / 2 ** 30} GB of zeros)`,
			async prepare(dirs) {
				const {blob, diffId} = await zstdBombLayer(bombBytes);
				return json(dirs, await layoutFromBlobs(path.join(dirs.input, 'layout'), [{blob, diffId, mediaType: MEDIA_TYPES.oci.zstd}]));
			},
			limits: {timeMs: 90_000, rssMb: 400},
		},
		{
			name: 'zstd layer declaring a 2 GB window',
			async prepare(dirs) {
				const {execFileSync} = await import('node:child_process');
				const tar = makeRawTar([{header: {name: 'f'}, data: 'x'.repeat(10_000)}]);
				const frame = Buffer.from(execFileSync('zstd', ['-q', '-c', '--no-content-size', '--no-progress'], {input: tar}));
				if ((frame[4]! & 0x20) !== 0) throw new Error('zstd wrote a single-segment frame; cannot set a window');
				frame[5] = (31 - 10) << 3; // Window_Descriptor: windowLog 31
				const {createHash} = await import('node:crypto');
				const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
				return json(dirs, await layoutFromBlobs(path.join(dirs.input, 'layout'), [{blob: frame, diffId, mediaType: MEDIA_TYPES.oci.zstd}]));
			},
			limits: {timeMs: 60_000, rssMb: 400},
			// a legal frame: decoded within a bounded window, or refused for its window, not "corrupt"
			expect: run => (run.code === 0 || /window|memory|limit/i.test(run.stderr) ? null : `neither decoded nor refused for its window: ${run.stderr.slice(0, 200)}`),
		},
		// 5. very many empty files in one layer: memory per entry bounded
		{
			name: `${manyFiles.toLocaleString('en')} empty files in one layer (memory)`,
			async prepare(dirs) {
				const file = path.join(dirs.out, 'layer.tar.gz');
				const {diffId} = await manyFilesLayer(file, manyFiles);
				return json(dirs, await layoutFromBlobs(path.join(dirs.input, 'layout'), [{blob: {file}, diffId, mediaType: MEDIA_TYPES.oci.gzip}]));
			},
			// The performance model's bound: 700 B per path (issue 13), over 140 MB for peel itself
			// with its layer threads and the heap a big load leaves it (85 MB on the demo image).
			limits: {timeMs: 240_000, rssMb: Math.round(140 + (manyFiles * 700) / 2 ** 20)},
			expect: run => (run.code !== 0 ? `exit ${run.code} on a valid image: ${run.stderr.slice(0, 200)}` : null),
		},
		// 6. control characters in entry names, tags and media types; a 15.7 MB media type
		{
			name: 'entry names with control characters (CI report)',
			async prepare(dirs) {
				const names = [`etc/${CONTROL_NAME}`, 'etc/\x1b[2J', 'etc/\x9b2J'];
				const entries = names.map(name => ({name, content: 'w'.repeat(4000)}));
				const image = await goodImage([{entries: [{name: 'etc/', type: 'directory'}, ...entries]}, {entries}]);
				return {args: ['--ci', await editedLayout(path.join(dirs.input, 'layout'), image)], mode: 'ci'};
			},
		},
		{
			name: 'entry names with control characters (JSON)',
			async prepare(dirs) {
				const image = await goodImage([{entries: [{name: `etc/${CONTROL_NAME}`, content: 'x'}, {name: 'etc/\x1b[2J', type: 'symlink', linkname: '\x1b[2J'}]}]);
				return json(dirs, await editedLayout(path.join(dirs.input, 'layout'), image));
			},
		},
		{
			name: 'tags with control characters (ambiguous tag lists them)',
			async prepare(dirs) {
				const [a, b] = [await goodImage(), await goodImage([{entries: [{name: 'b', content: 'b'}]}])];
				const input = await editedArchive(path.join(dirs.input, 'image.tar'), [{image: a, repoTags: ['a:x']}, {image: b, repoTags: ['b:y']}], e =>
					e.text('manifest.json', t => t.replace('"a:x"', JSON.stringify(`a:${CONTROL_NAME}`)).replace('"b:y"', JSON.stringify('b:\x1b[2J'))),
				);
				return json(dirs, input);
			},
			expect: exit2(),
		},
		{
			name: '--tag naming a tag that is not there, tags with control characters',
			async prepare(dirs) {
				const input = await layoutEdited(dirs, e => e.json('index.json', x => (x.manifests[0].annotations['org.opencontainers.image.ref.name'] = `v${CONTROL_NAME}`)));
				const run = json(dirs, input);
				return {...run, args: ['--tag', 'nope', ...run.args]};
			},
			expect: exit2(),
		},
		{
			name: 'layer media type with control characters',
			prepare: async dirs => json(dirs, await layoutEdited(dirs, (e, i) => e.json(manifestPath(i), m => (m.layers[0].mediaType = `application/x\x1b[2J${CONTROL_NAME}`)))),
			expect: exit2(/media type/i),
		},
		{
			name: 'layer media type of 15.7 MB',
			prepare: async dirs => json(dirs, await layoutEdited(dirs, (e, i) => e.json(manifestPath(i), m => (m.layers[0].mediaType = `application/${'x'.repeat(15_700_000)}`)))),
			expect: all(exit2(), within(20_000)),
		},
		// 7. documents with wrong field types, nulls, missing fields
		...typeCases.map(([what, edit]): RegressionCase => ({
			name: `wrong type: ${what}`,
			prepare: async dirs => json(dirs, await layoutEdited(dirs, edit)),
		})),
		...legacyTypeCases.map(([what, change]): RegressionCase => ({
			name: `wrong type: ${what}`,
			async prepare(dirs) {
				const input = await editedArchive(path.join(dirs.input, 'image.tar'), [{image: await goodImage(), repoTags: ['x:1']}], e =>
					e.text('manifest.json', t => JSON.stringify(change(JSON.parse(t)))),
				);
				return json(dirs, input);
			},
			expect: exit2(),
		})),
		// 8. descriptor sizes that are not the blob's size
		...sizeCases.map(([what, size]): RegressionCase => ({
			name: `layer descriptor size ${what}`,
			prepare: async dirs => json(dirs, await layoutEdited(dirs, (e, i) => e.json(manifestPath(i), m => (m.layers[0].size = size(m.layers[0].size))))),
			expect: exit2(),
		})),
		{
			name: 'config descriptor size one more',
			prepare: async dirs => json(dirs, await layoutEdited(dirs, (e, i) => e.json(manifestPath(i), m => (m.config.size += 1)))),
			expect: exit2(),
		},
		// 9. PAX records that lie
		...([
			['PAX record length too long', paxRecord('path', 'etc/lie', 40) + paxRecord('uid', '0')],
			['PAX record length too short', paxRecord('path', 'etc/lie', -4)],
			['PAX size not decimal (0x10)', paxRecord('size', '0x10')],
			['PAX size negative', paxRecord('size', '-1')],
		] as const).map(([name, records]): RegressionCase => ({
			name,
			async prepare(dirs) {
				const tar = makeRawTar([{header: paxBlock(records), data: undefined}, {header: {name: 'etc/file'}, data: 'x'.repeat(100)}, {header: {name: 'etc/after'}, data: 'y'}]);
				return json(dirs, await rawTarLayout(dirs, tar));
			},
			expect: exit2(/layer/),
		})),
	];
}

export interface RegressionResult {
	name: string;
	failure: string | null;
	run: LimitedRun;
}

/** Runs every case one after another (some are big), returning what each did. */
export async function runRegressions(options: {full?: boolean; only?: (name: string) => boolean} = {}): Promise<RegressionResult[]> {
	const results: RegressionResult[] = [];
	for (const c of regressionCases(options)) {
		if (options.only && !options.only(c.name)) continue;
		results.push(await runRegression(c));
	}
	return results;
}

export async function runRegression(c: RegressionCase): Promise<RegressionResult> {
	const result = await runCase(c.prepare, {limits: c.limits ?? DEFAULT_LIMITS});
	const failure = result.violation ?? c.expect?.(result.run) ?? null;
	await rm(result.work, {recursive: true, force: true});
	return {name: c.name, failure, run: result.run};
}
