import {render, type Instance} from 'ink';
import React from 'react';
import {PeelError} from '../errors.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import type {ProgressListener} from '../load/progress.js';
import {App} from './app.js';
import {LoadSession} from './session/load-session.js';
import {buildExplorerData} from './state/explorer-data.js';
import {enterAlternateScreen} from './terminal/alternate-screen.js';
import {onTerminalExit, signalExitCode, type ExitSignal} from './terminal/exit-signals.js';
import {colorWanted, createTheme} from './theme.js';

export type ImageLoader = (onProgress: ProgressListener, signal: AbortSignal) => Promise<AnalyzedImage>;

export interface TuiOptions {
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
}

/** How long quitting waits for an aborted load to wind down (it should be immediate). */
const abortGraceMs = 2000;

/** A process that was told to stop stops, even if something still holds the event loop. */
const signalGraceMs = 3000;

function ensureTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): void {
	if (!stdout.isTTY) {
		throw new PeelError('the explorer needs a terminal but stdout is not one: use --json FILE to export the analysis or --ci to check it');
	}
	if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
		throw new PeelError('the explorer needs keyboard input from a terminal but stdin is not one: use --json FILE or --ci instead');
	}
}

/**
 * Runs the full-screen explorer: the loading view while `load` runs, then the explorer,
 * until the user quits. The terminal is restored on every way out — quit, Ctrl+C (which
 * also aborts loading), a load or render error (re-thrown afterwards) and SIGTERM.
 */
export async function runTui(load: ImageLoader, options: TuiOptions = {}): Promise<void> {
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	ensureTerminal(stdin, stdout);

	const session = new LoadSession();
	const controller = new AbortController();
	let instance: Instance | null = null;
	let quitting = false;
	let loadError: unknown = null;
	let exitSignal: ExitSignal | null = null;

	const quit = () => {
		if (quitting) return;
		quitting = true;
		controller.abort();
		instance?.unmount();
	};

	const screen = enterAlternateScreen(stdout);
	const unsubscribe = onTerminalExit(signal => {
		if (signal === null) {
			// The process is exiting without us (an uncaught error): at least give the screen back.
			screen.restore();
			return;
		}
		exitSignal = signal;
		quit();
	});

	let loading: Promise<void> = Promise.resolve();
	try {
		instance = render(<App session={session} theme={createTheme(colorWanted())} onQuit={quit} />, {
			stdin,
			stdout,
			exitOnCtrlC: false,
			patchConsole: false,
			incrementalRendering: true,
			maxFps: 60,
		});
		loading = load(session.reportProgress, controller.signal)
			.then(image => {
				if (!quitting) session.ready(buildExplorerData(image));
			})
			.catch((error: unknown) => {
				if (quitting) return;
				loadError = error;
				quit();
			});
		await instance.waitUntilExit();
		if (controller.signal.aborted) await Promise.race([loading, new Promise(resolve => setTimeout(resolve, abortGraceMs).unref())]);
	} finally {
		session.dispose();
		instance?.unmount();
		screen.restore();
		unsubscribe();
	}
	if (loadError) throw loadError;
	if (exitSignal) {
		process.exitCode = signalExitCode(exitSignal);
		setTimeout(() => process.exit(signalExitCode(exitSignal!)), signalGraceMs).unref();
	}
}
