import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {writeOciArchive} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {frameLines, leftPart, treePart} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';

/**
 * One convention everywhere: layers are numbered from 0, the base (the manifest's first
 * layer), up to N−1, the top. The fixture says which layer did what: the manifest's second
 * layer (number 1) adds /app/new.bin, the third (number 2) removes it.
 */
const CONTENT = 'n'.repeat(5000);
const archive = path.join(tempDir('peel-numbers-'), 'numbers.tar');

beforeAll(async () => {
	const image = await buildImage({
		layers: [
			{entries: [{name: 'base', content: 'base'}], createdBy: 'step-zero'},
			{entries: [{name: 'app/', type: 'directory'}, {name: 'app/new.bin', content: CONTENT}], createdBy: 'step-one'},
			{entries: [{name: 'app/', type: 'directory'}, {name: 'app/.wh.new.bin', content: ''}], createdBy: 'step-two'},
		],
	});
	await writeOciArchive(archive, [{image}]);
});

describe('layer numbers: 0 is the base layer, in every place that prints one', () => {
	test('peel story, ls, cat --layer and the CI text', async () => {
		const story = await runPeel(['story', archive, '/app/new.bin']);
		expect(story.code).toBe(0);
		expect(story.stdout).toMatch(/^\s+L1\s+added\b.*step-one/m);
		expect(story.stdout).toMatch(/^\s+L2\s+removed\b.*step-two/m);

		const ls = await runPeel(['ls', archive, '/app', '--layer', '1']);
		expect(ls.stdout).toMatch(/ L1 \/app\/new\.bin$/m);
		const base = await runPeel(['ls', archive, '/base', '--layer', '0']);
		expect(base.stdout).toMatch(/ L0 \/base$/m);

		const cat = await runPeel(['cat', archive, '/app/new.bin', '--layer', '1']);
		expect(cat.stdout).toBe(CONTENT);
		const gone = await runPeel(['cat', archive, '/app/new.bin', '--layer', '2']);
		expect(gone.code).toBe(2);
		expect(gone.stderr).toMatch(/removed by layer 2; present at layer 1/);
		const out = await runPeel(['cat', archive, '/base', '--layer', '3']);
		expect(out.code).toBe(2);
		expect(out.stderr).toMatch(/layers 0 to 2/);

		const ci = await runPeel(['--ci', archive]);
		expect(ci.stdout).toMatch(/layer 1 → removed in layer 2 {2}\/app\/new\.bin/);
	}, 120_000);

	test('--json: dive\'s layer[] and peel\'s layers[], history[], reclaimable[] and files[]', async () => {
		const run = await runPeel(['--json', '-', archive]);
		expect(run.code).toBe(0);
		const report = JSON.parse(run.stdout);
		expect(report.layer.map((l: {command: string}) => l.command)).toEqual(['step-zero', 'step-one', 'step-two']);
		expect(report.layer.map((l: {index: number}) => l.index)).toEqual([0, 1, 2]);
		expect(report.peel.layers.map((l: {index: number; createdBy: string}) => [l.index, l.createdBy])).toEqual([
			[0, 'step-zero'],
			[1, 'step-one'],
			[2, 'step-two'],
		]);
		expect(report.peel.history.map((h: {layer: number}) => h.layer)).toEqual([0, 1, 2]);
		expect(report.peel.reclaimable).toContainEqual(expect.objectContaining({path: '/app/new.bin', layer: 1, hiddenBy: 2}));
		expect(report.peel.files).toContainEqual(expect.objectContaining({path: '/base', layer: 0}));
	}, 60_000);

	describe('the explorer', () => {
		let t: ReturnType<typeof renderAtSize>;
		beforeAll(async () => {
			t = renderAtSize(buildExplorerData(await loadArchive(archive)), 100, 30);
			await t.settle();
		});
		afterAll(() => t.unmount());

		test('Layers pane, Layer details, tree title and story line', async () => {
			const left = () => frameLines(t.frame()).map(leftPart);
			expect(left().find(line => line.includes('step-one'))).toMatch(/^ {2}1 /);
			expect(left().find(line => line.includes('step-zero'))).toMatch(/^› 0 /);
			await t.press('j');
			expect(left().join('\n')).toContain('Layer 1 details');
			const tree = () => frameLines(t.frame()).map(treePart);
			expect(tree()[0]).toContain('layer 1');
			// The tree at layer 1: /app, /app/new.bin, /base; the cursor stayed on /base, one up is /app/new.bin.
			await t.press(keys.tab, 'k');
			const story = tree().find(line => line.startsWith('/app/new.bin: '));
			expect(story).toMatch(/\[L1 added 5\.0 kB\] · L2 removed/);
		});
	});
});
