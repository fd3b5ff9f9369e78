import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-held-warnings-');
let session: TmuxSession | null = null;

afterEach(() => {
	session?.stop();
	session = null;
});

function filesUnder(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name));
}

describe('warnings under the full-screen explorer (tmux, 100×30)', () => {
	test('a corrupt cache entry is warned about after the screen is given back, never drawn into the frame', async () => {
		if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
		const image = await buildImage({layers: [{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/motd', content: 'hello\n'}]}, {entries: [{name: 'app/', type: 'directory'}, {name: 'app/x', content: 'x'}]}]});
		const layout = path.join(dir, 'layout');
		await writeOciLayout(layout, [{image, refName: 'latest'}]);
		const cache = path.join(dir, 'cache');
		const first = await runPeel(['--json', '/dev/null', `oci://${layout}`], {env: {PEEL_CACHE_DIR: cache}});
		expect(first.code, first.stderr).toBe(0);
		const [entry] = filesUnder(path.join(cache, 'layers'));
		const bytes = readFileSync(entry!);
		bytes[bytes.length - 5]! ^= 0x40;
		writeFileSync(entry!, bytes);

		const tmux = new TmuxSession(100, 30);
		session = tmux;
		const err = path.join(dir, 'stderr');
		tmux.start(`env -u CI -u TMUX TERM=xterm-256color PEEL_CACHE_DIR=${cache} ${process.execPath} ${cli} --no-mouse oci://${layout} 2>${err}; echo "peel exited $?"; sleep 60`, root);
		const shown = await tmux.waitFor(screen => /Efficiency +\d/.test(screen), 'the explorer with its figures');
		expect(shown).not.toContain('ignored the cache entry');
		expect(readFileSync(err, 'utf8')).toBe('');
		tmux.keys('q');
		await tmux.waitFor(screen => screen.includes('peel exited 0'), 'a clean exit');
		// Ink shows the cursor again through stderr (cli-cursor): that escape is not a line.
		const lines = readFileSync(err, 'utf8').replaceAll('\u001B[?25h', '').trim().split('\n');
		expect(lines, lines.join('\n')).toHaveLength(1);
		expect(lines[0]).toMatch(/^peel: warning: ignored the cache entry for .*checksum does not match.*; it is rebuilt$/);
	}, 60_000);
});
