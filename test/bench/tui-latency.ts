// First: React must load in production mode (see react-production.ts).
import '../../source/ui/react-production.js';
import {EventEmitter} from 'node:events';
import {createElement} from 'react';
import {render} from 'ink';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {App} from '../../source/ui/app.js';
import {LoadSession} from '../../source/ui/session/load-session.js';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {createTheme} from '../../source/ui/theme.js';
import {FakeStdin} from '../ui/helpers/fake-terminal.js';

/** A terminal-sized stdout that swallows frames. */
class HeadlessStdout extends EventEmitter {
	readonly isTTY = true;
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}
	write = (_data: string, callback?: () => void): boolean => {
		callback?.();
		return true;
	};
}

const down = '\u001B[B';
const up = '\u001B[A';
const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);

/**
 * What a user does in a session: walk the layers (each step recomputes the tree), switch
 * views, move through the tree, page, collapse and expand, sort, hide, filter. Every key
 * changes what is on screen, so every key produces a frame.
 */
function keySequence(layerCount: number): string[] {
	const layerSteps = Math.min(Math.max(layerCount - 1, 1), 12);
	return [
		...Array<string>(layerSteps).fill(down),
		ctrl('a'),
		...Array<string>(Math.min(layerSteps, 4)).fill(up),
		ctrl('l'),
		'\t',
		...Array<string>(10).fill(down),
		'\u001B[6~',
		'\u001B[6~',
		'\u001B[5~',
		'j',
		'k',
		'\u001B[F',
		'\u001B[H',
		// The first row is a directory: collapse it, expand it.
		' ',
		' ',
		ctrl('o'),
		ctrl('o'),
		ctrl('u'),
		ctrl('u'),
		ctrl('b'),
		ctrl('b'),
		'/',
		'l',
		'i',
		'b',
		// Enter applies what typing left pending (big trees filter when typing pauses).
		'\r',
		'/',
		'\u001B',
		'\t',
		down,
	];
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
	return sorted[rank]!;
}

export interface KeyLatency {
	medianMs: number;
	p95Ms: number;
	keys: number;
}

/**
 * Key → frame latency of the real <App> rendered headlessly (Ink, debug off, fake
 * streams, React in production mode as `peel` runs it), in a 160×48 terminal unless
 * told otherwise: the time from a keypress to the frame Ink renders for it. Keys are
 * spaced beyond Ink's frame throttle so that each is measured on its own, not queued;
 * a key that changes nothing on screen (no frame within a second) is not counted.
 */
export async function measureKeyLatency(image: AnalyzedImage, options: {columns?: number; rows?: number} = {}): Promise<KeyLatency> {
	const stdout = new HeadlessStdout(options.columns ?? 160, options.rows ?? 48);
	const stdin = new FakeStdin();
	const session = new LoadSession();
	session.ready(buildExplorerData(image));
	let onFrame: (() => void) | null = null;
	const maxFps = 60;
	const instance = render(createElement(App, {session, theme: createTheme(true), onQuit: () => {}}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: false,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps,
		onRender: () => onFrame?.(),
	});
	const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
	const samples: number[] = [];
	try {
		await pause(100);
		for (const key of keySequence(image.model.layerCount)) {
			await pause(Math.ceil(1000 / maxFps) + 10);
			const frame = new Promise<boolean>(resolve => {
				const timer = setTimeout(() => resolve(false), 1000);
				onFrame = () => {
					clearTimeout(timer);
					resolve(true);
				};
			});
			const started = performance.now();
			stdin.press(key);
			const rendered = await frame;
			onFrame = null;
			if (rendered) samples.push(performance.now() - started);
		}
	} finally {
		instance.unmount();
	}
	samples.sort((a, b) => a - b);
	return {medianMs: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95), keys: samples.length};
}
