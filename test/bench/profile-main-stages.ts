import {closeSync, openSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {DiveFigureBuilder} from '../../source/analysis/dive-efficiency.js';
import {reclaimableBytes} from '../../source/analysis/reclaimable.js';
import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {loadImage} from '../../source/load/load-image.js';
import {ModelBuilder} from '../../source/model/build.js';
import {buildJsonReport} from '../../source/report/json-report.js';
import {JsonWriter} from '../../source/report/json-writer.js';
import {openImage} from '../../source/sources/open-image.js';
import {resolveInput} from '../../source/sources/resolve-input.js';

/**
 * The main thread's own work on one image, stage by stage, with the layers already read:
 * the model, dive's figures, the reclaimable bytes and the JSON report, each run ROUNDS
 * times (default 3) on the same entries. CPU ms of the main thread (/proc, 10 ms ticks) and what each stage leaves alive on the heap. Run with --expose-gc.
 *
 *   node --expose-gc build/test/bench/profile-main-stages.js oci:///tmp/peel-bench-small-v1-x1
 *
 * BASE=DIR (another checkout's build/ directory) runs its model, dive and reclaimable code
 * in turn with this one's, on the same entries: an A/B on a shared machine.
 */
const gc = (globalThis as {gc?: () => void}).gc ?? (() => {});
const heap = () => {
	gc();
	return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** CPU ms of the main thread alone (not V8's GC helpers), as the kernel counts them. */
function mainThreadCpuMs(): number {
	const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function timed<T>(run: () => T): {result: T; cpuMs: number; wallMs: number} {
	const cpu = mainThreadCpuMs();
	const wall = performance.now();
	const result = run();
	return {result, cpuMs: mainThreadCpuMs() - cpu, wallMs: performance.now() - wall};
}

async function main(): Promise<void> {
	const target = process.argv[2];
	if (!target) throw new Error('usage: profile-main-stages IMAGE');
	const rounds = Number(process.env['ROUNDS'] ?? 3);
	const handle = await openImage(resolveInput(target), {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
	const image = await loadImage(handle);
	const layers: LayerEntry[][] = image.layers.map(l => l.entries);
	const entries = layers.reduce((n, l) => n + l.length, 0);
	console.log(`${target}: ${entries.toLocaleString('en-US')} entries, ${image.model.nodeCount.toLocaleString('en-US')} nodes; heap with the loaded image ${mb(heap())}`);
	const rows = new Map<string, number[]>();
	const walls = new Map<string, number[]>();
	const only = process.env['STAGES']?.split(',');
	const base = process.env['BASE'];
	type Code = {ModelBuilder: typeof ModelBuilder; DiveFigureBuilder: typeof DiveFigureBuilder; reclaimableBytes: typeof reclaimableBytes};
	const codes: Array<[string, Code]> = [['', {ModelBuilder, DiveFigureBuilder, reclaimableBytes}]];
	if (base) {
		const load = async (file: string) => (await import(pathToFileURL(path.join(base, 'source', file)).href)) as Partial<Code>;
		codes.push(['base ', {...(await load('model/build.js')), ...(await load('analysis/dive-efficiency.js')), ...(await load('analysis/reclaimable.js'))} as Code]);
	}
	for (let round = 0; round < rounds; round++) for (const [label, code] of codes) {
		const note = (stage: string, ms: number, wall: number) => {
			rows.set(label + stage, [...(rows.get(label + stage) ?? []), ms]);
			walls.set(label + stage, [...(walls.get(label + stage) ?? []), wall]);
		};
		const {ModelBuilder, DiveFigureBuilder, reclaimableBytes} = code;
		let before = heap();
		const model = timed(() => {
			const builder = new ModelBuilder();
			layers.forEach((l, i) => builder.applyLayer(l, i));
			return builder.finish(layers);
		});
		note('model', model.cpuMs, model.wallMs);
		const modelBytes = heap() - before;
		before = heap();
		const builder = new DiveFigureBuilder();
		const diveAdd = timed(() => {
			for (const l of layers) builder.addLayer(l);
		});
		const diveBytes = heap() - before;
		const dive = timed(() => ({figures: builder.finish()}));
		note('dive', diveAdd.cpuMs + dive.cpuMs, diveAdd.wallMs + dive.wallMs);
		const reclaimable = timed(() => reclaimableBytes(model.result));
		note('reclaimable', reclaimable.cpuMs, reclaimable.wallMs);
		if (only && !only.includes('report')) continue;
		const report = timed(() => {
			const fd = openSync('/dev/null', 'w');
			const writer = new JsonWriter(fd);
			writer.write(buildJsonReport({...image, model: model.result, analysis: {dive: dive.result.figures, reclaimable: reclaimable.result}}));
			writer.end();
			closeSync(fd);
		});
		note('JSON report', report.cpuMs, report.wallMs);
		if (round === 0) console.log(`${label}model alive ${mb(modelBytes)}; dive's builder before finish() ${mb(diveBytes)}`);
	}
	for (const [stage, ms] of rows) {
		const wall = walls.get(stage)!;
		console.log(`${stage.padEnd(18)} CPU ms ${ms.map(m => m.toFixed(0).padStart(6)).join(' ')}   wall ms ${wall.map(m => m.toFixed(0).padStart(6)).join(' ')} (min ${Math.min(...wall).toFixed(0)})`);
	}
}

await main();
