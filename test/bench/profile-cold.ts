import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * Where a cold `peel --no-cache --json /dev/null <image>` spends its time, per thread:
 * CPU seconds as the kernel counts them (/proc, polled), and each thread's CPU profile
 * summed by area. The profiler samples wall time, so on a busy machine a thread that waits
 * for a core piles samples onto whatever it was doing: read the areas as shares of a
 * thread, and the kernel's CPU seconds as the amounts.
 *
 * node build/test/bench/profile-cold.js [image] (default the small-files bench image).
 */

const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

interface ProfileNode {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number};
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

/** Areas by module path (the first match walking up from the sampled frame wins). */
const MODULE_AREAS: Array<[RegExp, string]> = [
	[/layers\/(zlib-handle|indexing-gunzip|decompress|zstd-[a-z-]+)\.js$/, 'gunzip (zlib calls)'],
	[/layers\/hash-meter\.js$/, 'sha256 of the blob and the tar (digest, diff_id)'],
	[/layers\/(tar-scan|tar-intake|tar-shim|entry-plan|normalize-path|classify-entry|decode-name|entry-limits|pax-records|sparse-entry|decode-layer|seek-index)\.js$|node_modules\/(tar-stream|streamx|b4a|fast-fifo)\//, 'tar parse and entries'],
	[/layers\/(entry-batch|layer-worker|worker-task|blob-feed|worker-pool)\.js$/, 'transfer (batches, messages)'],
	[/model\//, 'model (source/model)'],
	[/analysis\/dive-/, "dive's tree and efficiency"],
	[/analysis\/reclaimable/, 'reclaimable'],
	[/analysis\//, 'other analysis'],
	[/report\//, 'JSON report'],
	[/load\//, 'load (stacking)'],
];

function areaOf(stack: ProfileNode[]): string {
	const leaf = stack[0]!.callFrame;
	if (leaf.functionName === '(idle)') return '(idle)';
	if (leaf.functionName === '(garbage collector)') return 'GC';
	if (leaf.functionName === '(program)') return '(program)';
	const hashing = leaf.url === 'node:internal/crypto/hash' || leaf.functionName === 'digest';
	for (const node of stack) {
		const url = node.callFrame.url;
		if (hashing && /layers\/(tar-scan|decode-layer)\.js$/.test(url)) return 'sha256 of each file';
		for (const [pattern, area] of MODULE_AREAS) if (pattern.test(url)) return area;
	}
	if (/^node:internal\/(fs|streams)/.test(leaf.url) || leaf.functionName === 'read') return 'file reads, streams';
	return 'other';
}

/** Self time (ms) per area of one profile. */
function summarize(profile: Profile): Map<string, number> {
	const byId = new Map(profile.nodes.map(node => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const areas = new Map<number, string>();
	const totals = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		let area = areas.get(id);
		if (area === undefined) {
			const stack: ProfileNode[] = [];
			for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
			area = areaOf(stack);
			areas.set(id, area);
		}
		totals.set(area, (totals.get(area) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
	});
	return totals;
}

/** utime+stime (s) of every thread of `pid`, as last seen. */
function threadTimes(pid: number, into: Map<string, number>): void {
	let tasks: string[];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return;
	}
	for (const tid of tasks) {
		try {
			const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			into.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
		} catch {
			// the thread ended between the listing and the read
		}
	}
}

async function main(): Promise<void> {
	const image = process.argv[2] ?? 'oci:///tmp/peel-bench-small-v1-x1';
	const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-profile-'));
	const started = performance.now();
	const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '1000', CLI, '--no-cache', '--json', '/dev/null', image], {stdio: 'inherit'});
	const times = new Map<string, number>();
	const poll = setInterval(() => threadTimes(child.pid!, times), 50);
	const code = await new Promise<number | null>(resolve => child.on('exit', resolve));
	clearInterval(poll);
	const wall = performance.now() - started;
	if (code !== 0) throw new Error(`peel exited with ${code}`);
	console.log(`${image}: ${(wall / 1000).toFixed(1)} s wall; load average ${os.loadavg()[0]!.toFixed(1)} (the machine is shared)`);
	const main = times.get(String(child.pid)) ?? 0;
	const others = [...times].filter(([tid]) => tid !== String(child.pid)).map(([, s]) => s);
	const total = main + others.reduce((sum, s) => sum + s, 0);
	console.log(`CPU: ${total.toFixed(1)} s in all; main thread ${main.toFixed(1)} s; other threads (layer workers, zlib's pool, V8's GC helpers): ${others.filter(s => s >= 0.2).map(s => s.toFixed(1)).sort((a, b) => Number(b) - Number(a)).join(', ')} s`);
	const files = readdirSync(dir).filter(name => name.endsWith('.cpuprofile')).sort();
	for (const name of files) {
		const profile = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Profile;
		const totals = summarize(profile);
		const busy = [...totals].filter(([area]) => area !== '(idle)').reduce((sum, [, ms]) => sum + ms, 0);
		// Thread 0 is the main thread; the others are layer workers (one profile per worker thread started).
		const thread = /\.0\.\d+\.cpuprofile$/.test(name) ? 'main thread' : 'layer worker';
		console.log(`\n${thread} (${name}): ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s not idle`);
		for (const [area, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
			if (ms < busy / 200 || area === '(idle)') continue;
			console.log(`  ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${(ms / 1000).toFixed(2).padStart(6)} s  ${area}`);
		}
	}
	rmSync(dir, {recursive: true, force: true});
}

await main();
