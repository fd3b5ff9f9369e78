import {createReadStream, readFileSync} from 'node:fs';
import os from 'node:os';
import {decodeLayer} from '../../source/layers/decode-layer.js';

/**
 * The layer-reading side alone: every layer of an OCI layout decoded one after another on
 * this thread (inflate, tar parse, file hashes, digest and diff_id checks: what a layer
 * worker does), without the model or the report. Prints CPU time (this process, zlib's
 * pool included) and wall time per run: CPU time is what to compare on a shared machine.
 *
 * node build/test/bench/profile-decode.js [layout dir] [runs]
 */

interface Descriptor {
	digest: string;
}

function blobPath(dir: string, digest: string): string {
	return `${dir}/blobs/${digest.replace(':', '/')}`;
}

async function main(): Promise<void> {
	const dir = process.argv[2] ?? '/tmp/peel-bench-small-v1-x1';
	const runs = Number(process.argv[3] ?? 3);
	const index = JSON.parse(readFileSync(`${dir}/index.json`, 'utf8')) as {manifests: Descriptor[]};
	const manifest = JSON.parse(readFileSync(blobPath(dir, index.manifests[0]!.digest), 'utf8')) as {config: Descriptor; layers: Descriptor[]};
	const config = JSON.parse(readFileSync(blobPath(dir, manifest.config.digest), 'utf8')) as {rootfs: {diff_ids: string[]}};
	for (let run = 0; run < runs; run++) {
		const cpu = process.cpuUsage();
		const started = performance.now();
		let entries = 0;
		let tarBytes = 0;
		for (const [i, layer] of manifest.layers.entries()) {
			const blob = createReadStream(blobPath(dir, layer.digest), {highWaterMark: 256 * 1024});
			const facts = await decodeLayer(blob, {label: `layer ${i}`, expectedDigest: layer.digest, expectedDiffId: config.rootfs.diff_ids[i]}, () => entries++);
			tarBytes += facts.uncompressedSize;
		}
		const used = process.cpuUsage(cpu);
		const cpuMs = (used.user + used.system) / 1000;
		console.log(`run ${run + 1}: ${entries.toLocaleString('en-US')} entries, ${(tarBytes / 1e9).toFixed(2)} GB tar: CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / (tarBytes / 1e9) / 1000).toFixed(2)} s per GB), wall ${(performance.now() - started).toFixed(0)} ms, load average ${os.loadavg()[0]!.toFixed(1)}`);
	}
}

await main();
