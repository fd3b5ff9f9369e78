import {execFileSync, spawn} from 'node:child_process';
import {lstatSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

/**
 * `--json /dev/null` and `--json FIFO` are written in place: renaming a finished report onto
 * them would replace the device (once, a test run here turned the machine's /dev/null into a
 * regular file). A private character device stands in for /dev/null.
 */
const dir = tempDir('peel-json-device-');

async function layout(): Promise<string> {
	const old = await buildImage({layers: [{entries: [{name: 'a', content: 'a'}]}]});
	const next = await buildImage({layers: [{entries: [{name: 'a', content: 'b'}]}]});
	const at = path.join(dir, 'layout');
	await writeOciLayout(at, [
		{image: old, refName: 'old'},
		{image: next, refName: 'new'},
	]);
	return at;
}

describe('--json onto a device or a pipe', () => {
	it('leaves a character device a device, for a single image and for diff', async () => {
		const at = await layout();
		const device = path.join(dir, 'null');
		execFileSync('mknod', ['-m', '666', device, 'c', '1', '3']);
		for (const args of [['--json', device, `oci://${at}:new`], ['diff', '--json', device, `oci://${at}:old`, `oci://${at}:new`]]) {
			const run = await runPeel(args);
			expect(run.code, run.stderr).toBe(0);
			expect(lstatSync(device).isCharacterDevice(), args.join(' ')).toBe(true);
		}
	});

	it('writes the whole report into a FIFO', async () => {
		const at = await layout();
		const fifo = path.join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		const reader = new Promise<string>((resolve, reject) => {
			const cat = spawn('cat', [fifo]);
			let out = '';
			cat.stdout.on('data', chunk => (out += chunk));
			cat.on('error', reject);
			cat.on('close', () => resolve(out));
		});
		const run = await runPeel(['diff', '--json', fifo, `oci://${at}:old`, `oci://${at}:new`]);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(await reader).peelDiff.files.map((f: {path: string}) => f.path)).toEqual(['/a']);
		expect(lstatSync(fifo).isFIFO()).toBe(true);
	});
});
