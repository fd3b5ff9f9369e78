import {existsSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-image-record-');
let session: TmuxSession | null = null;

afterEach(() => {
	session?.stop();
	session = null;
});

const filesIn = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

/** The explorer on `layout` with `cache`, until its figures are final; the Efficiency line, then q. */
async function efficiencyShown(layout: string, cache: string): Promise<string> {
	const tmux = new TmuxSession(120, 40);
	session = tmux;
	tmux.start(`env -u CI -u TMUX TERM=xterm-256color PEEL_CACHE_DIR=${cache} ${process.execPath} ${cli} --no-mouse oci://${layout}; echo "peel exited $?"; sleep 60`, root);
	const screen = await tmux.waitFor(text => /Efficiency +\d/.test(text), 'the explorer with its figures', 30_000);
	tmux.keys('q');
	await tmux.waitFor(text => text.includes('peel exited 0'), 'a clean exit');
	tmux.stop();
	session = null;
	return /Efficiency +(\d+\.\d+ %)/.exec(screen)![1]!;
}

describe("the explorer and the cache's record of an image (tmux, 120×40)", () => {
	test('the explorer leaves a record that --ci answers from; a reopen takes dive’s figures from the record', async () => {
		if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
		if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
		// Waste for dive: etc/a stored in both layers.
		const image = await buildImage({
			layers: [
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/a', content: 'a'.repeat(3000)}, {name: 'etc/b', content: 'b'}]},
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/a', content: 'A'.repeat(5000)}]},
			],
		});
		const layout = path.join(dir, 'layout');
		await writeOciLayout(layout, [{image, refName: 'latest'}]);
		const cache = path.join(dir, 'cache');
		const cold = await runPeel(['--ci', '--no-cache', `oci://${layout}`]);

		// 1. The explorer, cold: it computes the figures and leaves the image's record.
		const first = await efficiencyShown(layout, cache);
		expect(first).toMatch(/^\d+\.\d{2} %$/);
		expect(filesIn(path.join(cache, 'images')).filter(name => name.endsWith('.image'))).toHaveLength(1);

		// 2. A reopen takes dive's figures from that record (one with another efficiency, written
		// by the built peel the way it writes its own, to tell the two apart).
		const {AnalysisCache} = (await import(pathToFileURL(path.join(root, 'build/source/cache/analysis-cache.js')).href)) as typeof import('../../source/cache/analysis-cache.js');
		const {imageFingerprint} = (await import(pathToFileURL(path.join(root, 'build/source/cache/image-fingerprint.js')).href)) as typeof import('../../source/cache/image-fingerprint.js');
		const {openImage} = (await import(pathToFileURL(path.join(root, 'build/source/sources/open-image.js')).href)) as typeof import('../../source/sources/open-image.js');
		const {resolveInput} = (await import(pathToFileURL(path.join(root, 'build/source/sources/resolve-input.js')).href)) as typeof import('../../source/sources/resolve-input.js');
		const {hostPlatform} = (await import(pathToFileURL(path.join(root, 'build/source/sources/platform.js')).href)) as typeof import('../../source/sources/platform.js');
		// Opened as the command line opens it, so that the fingerprint is the one peel used.
		const handle = await openImage(resolveInput(`oci://${layout}`), {platform: hostPlatform(), insecureRegistries: []});
		const store = new AnalysisCache({dir: cache});
		const fingerprint = imageFingerprint(handle);
		const record = store.readImage<{analysis: {dive: {efficiency: number}}; reportBytes: number | null}>(fingerprint, handle.reference);
		expect(record).not.toBeNull();
		await handle.close();
		store.writeImage(fingerprint, handle.reference, {...record!, analysis: {...record!.analysis, dive: {...record!.analysis.dive, efficiency: 0.125}}});
		expect(await efficiencyShown(layout, cache)).toBe('12.50 %');

		// 3. --ci from the record the explorer wrote (put back as it was): no layer is read — none
		// could be, with the cached layers gone and every layer blob's bytes garbled.
		store.writeImage(fingerprint, handle.reference, record);
		rmSync(path.join(cache, 'layers'), {recursive: true, force: true});
		for (const layer of image.layers) {
			const blob = path.join(layout, 'blobs', 'sha256', layer.digest.slice('sha256:'.length));
			writeFileSync(blob, Buffer.alloc(statSync(blob).size, 0x5a));
		}
		const broken = await runPeel(['--ci', '--no-cache', `oci://${layout}`]);
		expect(broken.code).not.toBe(cold.code);
		const warm = await runPeel(['--ci', `oci://${layout}`], {env: {PEEL_CACHE_DIR: cache}});
		expect(warm.code, warm.stderr).toBe(cold.code);
		expect(warm.stdout).toBe(cold.stdout);
	}, 120_000);
});
