// First: React must load in production mode (see react-production.ts).
import '../../source/ui/react-production.js';
import {EventEmitter} from 'node:events';
import {createElement} from 'react';
import {render} from 'ink';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {App} from '../../source/ui/app.js';
import {LoadSession} from '../../source/ui/session/load-session.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {createTheme} from '../../source/ui/theme.js';
import {FakeStdin} from '../ui/helpers/fake-terminal.js';

// Colours, cursor moves and erases: what is left is the text on screen.
const ansi = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[@-Z\\-_]/g;

/**
 * A terminal-sized stdout that keeps only the newest frame's text and says when one is
 * written (Ink's own onRender fires before the write). Writes that carry no text (a
 * synchronized-update marker) are not frames.
 */
class HeadlessStdout extends EventEmitter {
	readonly isTTY = true;
	last = '';
	onFrame: (() => void) | null = null;
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}
	write = (data: string, callback?: () => void): boolean => {
		const text = data.replace(ansi, '');
		if (text.trim() !== '') {
			this.last = text;
			this.onFrame?.();
		}
		callback?.();
		return true;
	};
}

/** Ink's frame throttle at the frame rate peel runs with; keys spaced beyond it are measured one by one. */
export const maxFps = 60;
export const keyGapMs = Math.ceil(1000 / maxFps) + 10;

export const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The real <App> rendered headlessly (Ink, debug off, fake streams, React in production
 * mode as `peel` runs it): press a key, wait for the frame that answers it.
 */
export class HeadlessExplorer {
	readonly data: ExplorerData;
	private readonly stdout: HeadlessStdout;
	private readonly stdin = new FakeStdin();
	private readonly instance: ReturnType<typeof render>;

	constructor(image: AnalyzedImage, columns: number, rows: number) {
		this.stdout = new HeadlessStdout(columns, rows);
		this.data = buildExplorerData(image);
		const session = new LoadSession();
		session.ready(this.data);
		this.instance = render(createElement(App, {session, theme: createTheme(true), onQuit: () => {}}), {
			stdout: this.stdout as unknown as NodeJS.WriteStream,
			stdin: this.stdin as unknown as NodeJS.ReadStream,
			debug: false,
			exitOnCtrlC: false,
			patchConsole: false,
			maxFps,
		});
	}

	/** The newest frame as plain text. */
	text(): string {
		return this.stdout.last;
	}

	/** Resolves with the milliseconds until a frame passes `test` (0 if the newest does), or null after `timeoutMs`. */
	waitFrame(test: (text: string) => boolean, timeoutMs: number): Promise<number | null> {
		if (test(this.text())) return Promise.resolve(0);
		const started = performance.now();
		return new Promise<number | null>(resolve => {
			const timer = setTimeout(() => {
				this.stdout.onFrame = null;
				resolve(null);
			}, timeoutMs);
			this.stdout.onFrame = () => {
				if (!test(this.text())) return;
				clearTimeout(timer);
				this.stdout.onFrame = null;
				resolve(performance.now() - started);
			};
		});
	}

	/**
	 * Presses `key` and resolves with the milliseconds until the first frame whose text
	 * passes `test` (any frame without one), or null when none comes within `timeoutMs`.
	 */
	async press(key: string, test: (text: string) => boolean = () => true, timeoutMs = 1000): Promise<number | null> {
		const started = performance.now();
		const frame = new Promise<number | null>(resolve => {
			const timer = setTimeout(() => resolve(null), timeoutMs);
			this.stdout.onFrame = () => {
				if (!test(this.text())) return;
				clearTimeout(timer);
				resolve(performance.now() - started);
			};
		});
		this.stdin.press(key);
		const ms = await frame;
		this.stdout.onFrame = null;
		return ms;
	}

	/** As press, but a frame that never comes is an error naming `what`, with the last frame. */
	async pressFor(key: string, test: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<number> {
		const ms = await this.press(key, test, timeoutMs);
		if (ms === null) throw new Error(`no frame with ${what} within ${timeoutMs} ms; the last frame shows:\n${this.text()}`);
		return ms;
	}

	unmount(): void {
		this.instance.unmount();
	}
}
