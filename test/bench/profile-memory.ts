import {closeSync, openSync, readFileSync, writeFileSync} from 'node:fs';
import v8 from 'node:v8';
import {DiveFigureBuilder} from '../../source/analysis/dive-efficiency.js';
import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {buildModel} from '../../source/model/build.js';
import {loadImage} from '../../source/load/load-image.js';
import type {LoadProgress} from '../../source/load/progress.js';
import {buildJsonReport} from '../../source/report/json-report.js';
import {JsonWriter} from '../../source/report/json-writer.js';
import {openImage} from '../../source/sources/open-image.js';
import {resolveInput} from '../../source/sources/resolve-input.js';

/**
 * Where peel's memory goes on one image: RSS and heap after each stage of a full --json
 * run, and when in the run RSS peaks. Run with --expose-gc (heap figures after a full
 * collection); PROFILE_SNAPSHOT=FILE writes a heap snapshot right after the load.
 *
 *   node --expose-gc build/test/bench/profile-memory.js oci:///tmp/peel-bench-small-v1-x1
 */
const gc = (globalThis as {gc?: () => void}).gc ?? (() => {});
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

function line(stage: string): void {
	gc();
	const m = process.memoryUsage();
	console.log(`${stage.padEnd(28)} rss ${mb(m.rss).padStart(7)}  heap used ${mb(m.heapUsed).padStart(7)} of ${mb(m.heapTotal).padStart(7)}  external ${mb(m.external).padStart(6)}  array buffers ${mb(m.arrayBuffers).padStart(6)}`);
}

/** What a second model and a second dive trie over the same entries add to the heap: their own cost. */
function stageCosts(layers: LayerEntry[][]): void {
	const heap = () => {
		gc();
		return process.memoryUsage().heapUsed;
	};
	let before = heap();
	const model = buildModel(layers);
	console.log(`  a model over these entries: ${mb(heap() - before)} (${model.nodeCount.toLocaleString('en-US')} nodes)`);
	before = heap();
	const dive = new DiveFigureBuilder();
	for (const entries of layers) dive.addLayer(entries);
	console.log(`  dive's trie before finish(): ${mb(heap() - before)}`);
	dive.finish();
	let paths = 0;
	let hashes = 0;
	let count = 0;
	for (const entries of layers) for (const e of entries) {
		count++;
		paths += e.path.length;
		if (e.hash) hashes++;
	}
	console.log(`  ${count.toLocaleString('en-US')} entries: mean path ${(paths / count).toFixed(1)} chars, ${hashes.toLocaleString('en-US')} with a hash`);
}

async function main(): Promise<void> {
	const target = process.argv[2];
	if (!target) throw new Error('usage: profile-memory IMAGE');
	line('start');
	const handle = await openImage(resolveInput(target), {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
	line('opened');
	const started = Date.now();
	let smapsAtPeak = '';
	let peak = {rss: 0, heap: 0, heapTotal: 0, external: 0, at: 0, what: ''};
	let progress: LoadProgress | null = null;
	const timeline: string[] = [];
	let lastLine = 0;
	const sample = () => {
		const m = process.memoryUsage();
		if (process.env['PROFILE_TIMELINE'] && Date.now() - lastLine >= 500) {
			lastLine = Date.now();
			const done = progress ? progress.layers.filter(l => l.done).length : 0;
			timeline.push(`  ${String(lastLine - started).padStart(6)} ms rss ${mb(m.rss).padStart(7)} heap ${mb(m.heapUsed).padStart(7)} of ${mb(m.heapTotal).padStart(7)} external ${mb(m.external).padStart(6)}  ${progress?.phase ?? ''} ${done} read`);
		}
		if (m.rss > peak.rss) {
			const done = progress ? progress.layers.filter(l => l.done).length : 0;
			peak = {rss: m.rss, heap: m.heapUsed, heapTotal: m.heapTotal, external: m.external, at: Date.now() - started, what: `${progress?.phase ?? 'start'}, ${done} layers read`};
			if (process.env['PROFILE_SMAPS']) smapsAtPeak = readFileSync('/proc/self/smaps', 'utf8');
		}
	};
	const timer = setInterval(sample, 20);
	const image = await loadImage(handle, {onProgress: p => (progress = p)});
	sample();
	clearInterval(timer);
	for (const row of timeline) console.log(row);
	console.log(`load peak: rss ${mb(peak.rss)} (main heap used ${mb(peak.heap)} of ${mb(peak.heapTotal)}, external ${mb(peak.external)}) at ${peak.at} ms (${peak.what}); load took ${Date.now() - started} ms`);
	if (smapsAtPeak) writeFileSync(process.env['PROFILE_SMAPS']!, smapsAtPeak);
	line('loaded');
	if (process.env['PROFILE_SNAPSHOT']) v8.writeHeapSnapshot(process.env['PROFILE_SNAPSHOT']);
	if (process.env['PROFILE_STAGES']) stageCosts(image.layers.map(l => l.entries));
	const reportPeak = {rss: 0};
	const reportTimer = setInterval(() => (reportPeak.rss = Math.max(reportPeak.rss, process.memoryUsage().rss)), 20);
	const fd = openSync('/dev/null', 'w');
	const writer = new JsonWriter(fd);
	writer.write(buildJsonReport(image));
	writer.end();
	closeSync(fd);
	clearInterval(reportTimer);
	reportPeak.rss = Math.max(reportPeak.rss, process.memoryUsage().rss);
	console.log(`report peak rss ${mb(reportPeak.rss)}`);
	line('report written');
	console.log(`final paths ~${image.model.nodeCount.toLocaleString('en-US')} nodes, ${image.layers.reduce((n, l) => n + l.entries.length, 0).toLocaleString('en-US')} entries`);
	console.log(`VmHWM (true peak RSS) ${/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]} kB`);
}

await main();
