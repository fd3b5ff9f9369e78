import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {gunzipSync} from 'node:zlib';

/**
 * Two builds' layer decoding compared in one process, runs interleaved (A B B A …): on a
 * shared machine the load drifts by the second, and runs side by side see the same drift.
 * Each run decodes one layer of an OCI layout from memory (inflated first, so only the tar
 * parse, the file hashes, the diff_id hash and the entries are measured) and packs the
 * entries as a layer worker does. Prints CPU ms per run (this process: V8's GC helpers
 * included) and the median of the per-pair ratios B / A.
 *
 * node build/test/bench/profile-decode-ab.js <build dir A> <build dir B> [layout] [layer index] [runs]
 * A build dir is a copy of `build/` (e.g. `cp -r build /tmp/peel-a`) with node_modules reachable from it.
 */

interface Decoder {
	decodeLayer: (blob: Readable, options: {label: string}, onEntry: (entry: object) => void) => Promise<unknown>;
	EntryBatcher: new () => {add(entry: object): void; take(): unknown; size: number};
}

async function load(dir: string): Promise<Decoder> {
	const at = (file: string) => path.resolve(dir, 'source/layers', file);
	const {decodeLayer} = (await import(at('decode-layer.js'))) as Decoder;
	const {EntryBatcher} = (await import(at('entry-batch.js'))) as Decoder;
	return {decodeLayer, EntryBatcher};
}

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function main(): Promise<void> {
	const [a, b, layout = '/tmp/peel-bench-small-v1-x1', layerArg = '1', runsArg = '10'] = process.argv.slice(2);
	if (!a || !b) throw new Error('usage: profile-decode-ab.js <build dir A> <build dir B> [layout] [layer index] [runs]');
	const blob = (digest: string) => path.join(layout, 'blobs', digest.replace(':', '/'));
	const index = JSON.parse(readFileSync(path.join(layout, 'index.json'), 'utf8')) as {manifests: Array<{digest: string}>};
	const manifest = JSON.parse(readFileSync(blob(index.manifests[0]!.digest), 'utf8')) as {layers: Array<{digest: string}>};
	const layer = manifest.layers[Number(layerArg)]!;
	const tar = gunzipSync(readFileSync(blob(layer.digest)));
	// 1 MiB pieces: what the gunzip stage hands on.
	const chunks: Buffer[] = [];
	for (let at = 0; at < tar.length; at += 1 << 20) chunks.push(tar.subarray(at, at + (1 << 20)));
	const decoders = [await load(a), await load(b)];
	const cpu: number[][] = [[], []];
	let entries = 0;
	for (let run = 0; run < Number(runsArg); run++) {
		for (const which of run % 2 === 0 ? [0, 1] : [1, 0]) {
			const {decodeLayer, EntryBatcher} = decoders[which]!;
			const batcher = new EntryBatcher();
			let count = 0;
			const started = process.cpuUsage();
			await decodeLayer(Readable.from(chunks), {label: 'layer'}, entry => {
				count++;
				batcher.add(entry);
				if (batcher.size >= 4096) batcher.take();
			});
			const used = process.cpuUsage(started);
			cpu[which]!.push((used.user + used.system) / 1000);
			entries = count;
		}
	}
	const ratios = cpu[1]!.map((ms, i) => ms / cpu[0]![i]!);
	console.log(`layer ${layerArg} of ${layout}: ${entries.toLocaleString('en-US')} entries, ${(tar.length / 1e6).toFixed(0)} MB tar; load average ${os.loadavg()[0]!.toFixed(1)} (the machine is shared)`);
	console.log(`A ${a}: CPU median ${median(cpu[0]!).toFixed(0)} ms, min ${Math.min(...cpu[0]!).toFixed(0)} ms`);
	console.log(`B ${b}: CPU median ${median(cpu[1]!).toFixed(0)} ms, min ${Math.min(...cpu[1]!).toFixed(0)} ms`);
	console.log(`B / A: median of ${ratios.length} pairs ${median(ratios).toFixed(3)}`);
}

await main();
