import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runTool} from '../fixtures/run-tool.js';
import {umociUnpackListing} from '../fixtures/umoci.js';
import {cloneInput, compress, compressionOf, decompress, isDocument, serializeTar, sha256Hex, writeLayout, type FuzzInput} from './files.js';
import {fixDigests} from './fix-digests.js';
import {buildSeeds} from './seeds.js';

/**
 * The fix-up is what lets mutants reach the deep parsers, so it is checked by independent
 * readers: after a layer's file content and the config are changed and digests fixed up,
 * skopeo (containers/image, which verifies every digest) and umoci read the image and see
 * the new content.
 */
let seeds: FuzzInput[];
let dir: string;
beforeAll(async () => {
	seeds = await buildSeeds();
	dir = await mkdtemp(path.join(os.tmpdir(), 'peel-fuzz-fixup-'));
}, 120_000);
afterAll(() => rm(dir, {recursive: true, force: true}));

const OLD = Buffer.alloc(700, 7); // app/data.bin in the seeds' second layer
const NEW = Buffer.alloc(700, 8);

/** Rewrites app/data.bin inside its layer and adds an Env entry to the config, then fixes digests. */
function edited(label: string): FuzzInput {
	const input = cloneInput(seeds.find(s => s.label === label)!);
	let layers = 0;
	let configs = 0;
	for (const file of input.files) {
		if (!file.content) continue;
		const tar = file.origin?.diffHex ? decompress(file.content) : null;
		if (tar && tar.indexOf(OLD) !== -1) {
			const copy = Buffer.from(tar);
			NEW.copy(copy, copy.indexOf(OLD));
			file.content = compress(copy, compressionOf(file.content));
			layers++;
		} else if (isDocument(file.content) && file.content.includes('"rootfs"')) {
			const config = JSON.parse(file.content.toString());
			config.config.Env.push('FUZZ=1');
			file.content = Buffer.from(JSON.stringify(config));
			configs++;
		}
	}
	expect([layers, configs]).toEqual([1, 1]);
	fixDigests(input.files);
	return input;
}

async function skopeo(...args: string[]): Promise<string> {
	const result = await runTool('skopeo', ['--insecure-policy', ...args]);
	expect(result.code, result.stderr).toBe(0);
	return result.stdout.toString();
}

describe('digest fix-up', () => {
	for (const label of ['oci-layout', 'oci-archive']) {
		it(`${label}: skopeo and umoci read the edited image and see the edit`, async () => {
			const layout = path.join(dir, label);
			await writeLayout(edited(label), layout);
			expect(JSON.parse(await skopeo('inspect', '--config', '--raw', `oci:${layout}:latest`)).config.Env).toContain('FUZZ=1');
			const listing = await umociUnpackListing(layout, 'latest');
			expect(listing.get('app/data.bin')?.sha256).toBe(sha256Hex(NEW));
		}, 120_000);
	}

	it('docker-legacy: the archive names, manifest.json and diff_ids follow the edit', async () => {
		const file = path.join(dir, 'legacy.tar');
		await writeFile(file, await serializeTar(edited('docker-legacy')));
		expect(JSON.parse(await skopeo('inspect', '--config', '--raw', `docker-archive:${file}`)).config.Env).toContain('FUZZ=1');
		const layout = path.join(dir, 'legacy-copy');
		await skopeo('copy', '-q', `docker-archive:${file}`, `oci:${layout}:copied`);
		expect((await umociUnpackListing(layout, 'copied')).get('app/data.bin')?.sha256).toBe(sha256Hex(NEW));
	}, 120_000);
});
