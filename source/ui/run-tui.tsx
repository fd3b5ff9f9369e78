// First: React must load in production mode (see react-production.ts). No JSX in this
// file: the JSX runtime import would be hoisted above this one.
import './react-production.js';
import {render, type Instance} from 'ink';
import {createElement, type ComponentType} from 'react';
import {PeelError} from '../errors.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import type {ProgressListener} from '../load/progress.js';
import {App} from './app.js';
import {EarlyPublisher} from './session/early-publisher.js';
import {LoadSession} from './session/load-session.js';
import {PlatformSwitcher, type PlatformLoader} from './session/platform-switcher.js';
import {buildExplorerData, type ExplorerData} from './state/explorer-data.js';
import {enterAlternateScreen} from './terminal/alternate-screen.js';
import {installRunLengthOutput} from './terminal/run-length-output.js';
import {onTerminalExit, signalExitCode, type ExitSignal} from './terminal/exit-signals.js';
import {colorWanted, createTheme, type Theme} from './theme.js';
import {chooseTheme, type ThemeName} from './theme-name.js';

/**
 * What a screen loads (an image; both images of a diff). `onEarly`, when the screen can open
 * before the end: called as the load goes on, with a way to take what is loaded so far.
 */
export type Loader<Loaded> = (onProgress: ProgressListener, signal: AbortSignal, onEarly?: (soFar: () => Loaded) => void) => Promise<Loaded>;

export type ImageLoader = Loader<AnalyzedImage>;

/** What runTui shows once loaded: the loader's result made into the session's data, and the root component over it. */
export interface TuiScreen<Loaded, Data> {
	prepare: (loaded: Loaded) => Data;
	App: ComponentType<{session: LoadSession<Data>; theme: Theme; onQuit: () => void}>;
	/** The screen opens on what is loaded so far (prepare takes that too) and follows the load. */
	early?: boolean;
}

// The explorer opens as soon as the first layer is stacked.
const explorerScreen: TuiScreen<AnalyzedImage, ExplorerData> = {prepare: buildExplorerData, App, early: true};

export interface TuiOptions {
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	/** Default: PEEL_THEME, else the default theme. */
	theme?: ThemeName;
	/** Loads another image of the index (the platforms overlay); without it `p` only lists. */
	loadPlatform?: PlatformLoader;
	/** Report the mouse (wheel, clicks) to the screen; off unless asked (`--no-mouse` on the command line). */
	mouse?: boolean;
}

/** The longest the load waits for the terminal to take the first frame. */
const drainWaitMs = 200;

/** Resolves once `stream` has written what it holds (at once when it holds nothing), or after `ms`. */
function drained(stream: NodeJS.WriteStream, ms: number): Promise<void> {
	if (!stream.writableLength) return Promise.resolve();
	return new Promise(resolve => {
		const done = () => {
			clearTimeout(timer);
			stream.off('drain', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		stream.once('drain', done);
	});
}

/** How long quitting waits for an aborted load to wind down (it should be immediate). */
const abortGraceMs = 2000;

function ensureTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): void {
	if (!stdout.isTTY) {
		throw new PeelError('stdout is not a terminal: use --json FILE or --ci instead');
	}
	if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
		throw new PeelError('stdin is not a terminal: use --json FILE or --ci instead');
	}
}

/**
 * Runs the full-screen explorer: the loading view while `load` runs, then the explorer,
 * until the user quits. The terminal is restored on every way out — quit, Ctrl+C (which
 * also aborts loading), a load or render error (re-thrown afterwards) and SIGTERM,
 * SIGINT or SIGHUP (then a PeelError "stopped by SIGTERM" with exit code 128 + n).
 */
export async function runTui(load: ImageLoader, options?: TuiOptions): Promise<void>;
/** The same terminal handling for another screen (peel diff's explorer). */
export async function runTui<Loaded, Data>(load: Loader<Loaded>, options: TuiOptions, shows: TuiScreen<Loaded, Data>): Promise<void>;
export async function runTui(load: ImageLoader, options: TuiOptions = {}, shows = explorerScreen): Promise<void> {
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	ensureTerminal(stdin, stdout);
	// Ink's frames composed with fewer objects (keys on big images were mostly GC); Ink's own if it is not the expected Ink.
	await installRunLengthOutput();

	const session = new LoadSession();
	const switcher = options.loadPlatform ? new PlatformSwitcher(session, options.loadPlatform) : null;
	const controller = new AbortController();
	let instance: Instance | null = null;
	let loaded = false;
	let quitting = false;
	let loadError: unknown = null;
	let exitSignal: ExitSignal | null = null;

	const quit = () => {
		if (quitting) return;
		quitting = true;
		if (!loaded) controller.abort();
		switcher?.dispose();
		instance?.unmount();
	};

	const screen = enterAlternateScreen(stdout, {mouse: options.mouse ?? false});
	const unsubscribe = onTerminalExit(signal => {
		if (signal === null) {
			// The process is exiting without us (an uncaught error): at least give the screen back.
			screen.restore();
			return;
		}
		if (exitSignal) return;
		exitSignal = signal;
		quit();
		// Give the screen back now: whoever sent the signal may not wait for us.
		screen.restore();
	});

	let loading: Promise<void> = Promise.resolve();
	try {
		const early = shows.early
			? new EarlyPublisher<unknown>(soFar => {
					if (quitting) return;
					const data = shows.prepare(soFar as never);
					if (switcher) switcher.early(data as ExplorerData);
					else session.early(data);
				})
			: null;
		instance = render(createElement(shows.App, {session, theme: createTheme(colorWanted(), options.theme ?? chooseTheme(undefined)), onQuit: quit}), {
			stdin,
			stdout,
			exitOnCtrlC: false,
			patchConsole: false,
			// Not incrementalRendering: in Ink 6.8 it draws one line too low when the frame
			// is shorter than the terminal (it is, by one line, so that Ink never clears the
			// screen per frame). Whole frames are written inside synchronized-output marks.
			maxFps: 60,
		});
		// The first frame is out before the load begins: a layer from the cache is decoded on
		// this thread, and would hold back the part of the frame the terminal has not taken yet
		// (0.45 s of an empty screen on the small-files bench image).
		await drained(stdout, drainWaitMs);
		loading = load(session.reportProgress, controller.signal, early?.offer)
			.then(image => {
				early?.stop();
				loaded = true;
				if (quitting) return;
				if (switcher) switcher.ready(shows.prepare(image));
				else session.ready(shows.prepare(image));
			})
			.catch((error: unknown) => {
				early?.stop();
				if (quitting) return;
				loadError = error;
				quit();
			});
		await instance.waitUntilExit();
		// An aborted load should settle at once; do not let a slow one hold the exit.
		if (controller.signal.aborted) await Promise.race([loading, new Promise(resolve => setTimeout(resolve, abortGraceMs).unref())]);
		if (switcher) await Promise.race([switcher.settled(), new Promise(resolve => setTimeout(resolve, abortGraceMs).unref())]);
	} finally {
		session.dispose();
		instance?.unmount();
		screen.restore();
		unsubscribe();
	}
	if (loadError) throw loadError;
	// The caller prints this one line and exits with 128 + the signal number.
	if (exitSignal) throw new PeelError(`stopped by ${exitSignal}`, signalExitCode(exitSignal));
}
