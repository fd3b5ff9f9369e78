// First: React must load in production mode (see react-production.ts); modules below may load it.
import '../../source/ui/react-production.js';
import {statSync} from 'node:fs';
import os from 'node:os';
import {filterPauseMs} from '../../source/ui/hooks/use-deferred-filter.js';
import {layerBlobs} from './bench-image.js';
import {useFrameComposer} from './frame-composer.js';
import {measureFilterAndSort} from './tui-filter-sort.js';
import {measureFirstFrames} from './tui-first-frame.js';
import {measureKeyLatency} from './tui-latency.js';

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;

/**
 * Issue 13's explorer figures on one image shape: first frame cold and from the cache (the
 * built CLI in a real terminal), then key → frame, filter and size sort in the explorer
 * rendered in-process on the loaded image. `pattern` is the filter typed (a regex that
 * matches part of the image's paths).
 */
export async function runTuiBench(shape: string, layout: string, pattern: string, runs: number): Promise<void> {
	const loadBefore = os.loadavg()[0]!;
	const compressed = layerBlobs(layout).reduce((sum, blob) => sum + statSync(blob).size, 0);
	const frames = await measureFirstFrames(layout, runs);
	const {loadImage} = await import('../../source/load/load-image.js');
	const {openOciLayoutDir} = await import('../../source/sources/archive/open-archive.js');
	const {hostPlatform} = await import('../../source/sources/platform.js');
	const image = await loadImage(await openOciLayoutDir(layout, {platform: hostPlatform(), insecureRegistries: []}));
	// Ink's own frame composer against peel's, alternated (the later runs find the code warm): the figures are peel's.
	const inkOwn: Array<Awaited<ReturnType<typeof measureKeyLatency>>> = [];
	const latencies: typeof inkOwn = [];
	for (let run = 0; run < 2; run++) {
		await useFrameComposer('ink');
		inkOwn.push(await measureKeyLatency(image));
		await useFrameComposer('peel');
		latencies.push(await measureKeyLatency(image));
	}
	const latency = latencies.at(-1)!;
	const edits = await measureFilterAndSort(image, pattern);
	// Other work on the machine skews every figure here: say how busy it was.
	const load = `${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`;
	console.log(`explorer on the ${shape}: ${layout}, ${image.model.layerCount} layers, ${(compressed / 1e6).toFixed(0)} MB compressed, ${image.model.nodeCount.toLocaleString('en-US')} paths across layers, ${edits.rows.toLocaleString('en-US')} tree rows at the last layer (aggregated); load average ${load} on ${os.availableParallelism()} cores`);
	console.log(`  first paint (cold, loading view):     ${ms(frames.cold.paintMs)}`);
	console.log(`  explorer first frame (cold):          ${ms(frames.cold.usableMs)}  (target ≤ 2000)`);
	console.log(`  explorer figures final (cold):        ${ms(frames.cold.finalMs)}`);
	console.log(`  first paint (from cache):             ${ms(frames.cached.paintMs)}`);
	console.log(`  explorer first frame (from cache):    ${ms(frames.cached.usableMs)}  (target ≤ 1000)`);
	console.log(`  explorer figures final (from cache):  ${ms(frames.cached.finalMs)}`);
	const perRun = (list: typeof inkOwn) => list.map(l => `${ms(l.medianMs)}/${ms(l.p95Ms)}`).join(', ');
	console.log(`  explorer key → frame:                 median ${ms(latency.medianMs)}, p95 ${ms(latency.p95Ms)} over ${latency.keys} keys  (target ≤ 30 ms median, ≤ 60 ms p95)`);
	console.log(`    median/p95 per run, peel's frames:  ${perRun(latencies)}; Ink's own frame composer, alternated: ${perRun(inkOwn)}`);
	console.log(`  explorer filter /${pattern}/ (${edits.matching.toLocaleString('en-US')} paths match), Enter → frame: median ${ms(median(edits.filterEnterMs))}, max ${ms(Math.max(...edits.filterEnterMs))}  (target ≤ 100)`);
	console.log(`  explorer filter as typing pauses:     median ${ms(median(edits.filterPauseMs))} after the last key, the explorer's ${filterPauseMs} ms wait for typing to pause included`);
	console.log(`  explorer filter cleared (Esc):        median ${ms(median(edits.filterClearMs))}, max ${ms(Math.max(...edits.filterClearMs))}  (target ≤ 100)`);
	console.log(`  explorer size sort (Ctrl+O, both ways): median ${ms(median(edits.sortMs))}, max ${ms(Math.max(...edits.sortMs))}  (target ≤ 100)`);
}
