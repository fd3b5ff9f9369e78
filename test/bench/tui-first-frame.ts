import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {TimedTerminal} from './tui-terminal.js';

const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

/**
 * The explorer, not the loading view: the Layers pane's title, the tree pane's title and
 * at least one tree row ("├── name"). The loading view has none of them.
 */
export function explorerShown(screen: string): boolean {
	return /^[●─] Layers /m.test(screen) && screen.includes('Layer Contents') && /[├└]── \S/.test(screen);
}

/** The explorer with every figure final: nothing on screen says "loading" any more. */
export function explorerFinal(screen: string): boolean {
	return explorerShown(screen) && !/loading/i.test(screen);
}

export interface FirstFrame {
	/** Spawn → anything on screen (the loading view, as a rule): node's start and peel's imports. */
	paintMs: number;
	/** Spawn → the first explorer frame (Layers pane and tree rows). */
	usableMs: number;
	/** Spawn → the explorer's frame without "loading". */
	finalMs: number;
}

/**
 * Spawns `peel oci://DIR` (with `cacheDir` as PEEL_CACHE_DIR, else --no-cache) in a real
 * 120×40 terminal and times the first explorer frame and its final figures, read off the
 * screen every 20 ms. Quits with q. Throws when a frame never comes within `timeoutMs`.
 */
export async function measureFirstFrame(layout: string, cacheDir: string | null, timeoutMs = 300_000): Promise<FirstFrame> {
	const env: NodeJS.ProcessEnv = {...process.env};
	delete env['CI'];
	delete env['PEEL_NO_CACHE'];
	delete env['PEEL_CACHE_DIR'];
	const terminal = new TimedTerminal(120, 40);
	try {
		await terminal.open(path.dirname(CLI), env);
		const program = `${process.execPath} ${CLI} ${cacheDir ? '' : '--no-cache '}oci://${layout}`;
		const started = performance.now();
		await terminal.run(cacheDir ? `PEEL_CACHE_DIR=${cacheDir} exec ${program}` : `exec ${program}`);
		const paint = await terminal.waitFor(screen => screen.trim() !== '', 'anything on screen', timeoutMs);
		const usable = await terminal.waitFor(explorerShown, 'the explorer (Layers pane and tree rows)', timeoutMs);
		const final = await terminal.waitFor(explorerFinal, 'the explorer without "loading"', timeoutMs);
		await terminal.keys('q');
		await terminal.waitFor(() => false, 'peel to quit', 10_000).catch((error: Error) => {
			if (!error.message.startsWith('peel ended')) throw error;
		});
		return {paintMs: paint.at - started, usableMs: usable.at - started, finalMs: final.at - started};
	} finally {
		terminal.close();
	}
}

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export interface FirstFrameFigures {
	cold: FirstFrame;
	cached: FirstFrame;
}

/**
 * Issue 13 §1 and §2: the explorer's first frame cold (--no-cache), then from a warm
 * analysis cache of the bench's own (filled by one --json run, removed at the end). Medians of `runs`.
 */
export async function measureFirstFrames(layout: string, runs: number): Promise<FirstFrameFigures> {
	const cold: FirstFrame[] = [];
	for (let i = 0; i < runs; i++) cold.push(await measureFirstFrame(layout, null));
	const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'peel-tui-bench-cache-'));
	const cached: FirstFrame[] = [];
	try {
		const env: NodeJS.ProcessEnv = {...process.env, PEEL_CACHE_DIR: cacheDir};
		delete env['CI'];
		delete env['PEEL_NO_CACHE'];
		const fill = spawnSync(process.execPath, [CLI, '--json', '/dev/null', `oci://${layout}`], {env, encoding: 'utf8'});
		if (fill.status !== 0) throw new Error(`peel --json (filling the cache) failed: ${fill.stderr}`);
		const layers = path.join(cacheDir, 'layers');
		if (!existsSync(layers) || readdirSync(layers).length === 0) throw new Error(`peel --json left no layer in the cache ${cacheDir}`);
		for (let i = 0; i < runs; i++) cached.push(await measureFirstFrame(layout, cacheDir));
	} finally {
		rmSync(cacheDir, {recursive: true, force: true});
	}
	const pick = (list: FirstFrame[]): FirstFrame => ({paintMs: median(list.map(f => f.paintMs)), usableMs: median(list.map(f => f.usableMs)), finalMs: median(list.map(f => f.finalMs))});
	return {cold: pick(cold), cached: pick(cached)};
}
