import {render} from 'ink';
import React from 'react';
import {App} from '../../../source/ui/app.js';
import {LoadSession} from '../../../source/ui/session/load-session.js';
import type {ExplorerData} from '../../../source/ui/state/explorer-data.js';
import {createTheme} from '../../../source/ui/theme.js';
import type {ThemeName} from '../../../source/ui/theme-name.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	backspace: '\u007F',
	ctrl: (letter: string) => String.fromCharCode(letter.toLowerCase().charCodeAt(0) - 96),
	ctrlSpace: '\u0000',
	/** Ctrl+M as the kitty keyboard protocol (CSI u) sends it, told apart from Enter. */
	ctrlMKitty: '\u001B[109;5u',
};

/** The real <App> at a fixed terminal size, on fake streams, rendering every frame (debug). */
export function renderAtSize(data: ExplorerData | null, columns: number, rows: number, options: {color?: boolean; theme?: ThemeName} = {}) {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const session = new LoadSession();
	if (data) session.ready(data);
	let quits = 0;
	const instance = render(<App session={session} theme={createTheme(options.color ?? false, options.theme)} onQuit={() => quits++} />, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const settle = () => new Promise(resolve => setImmediate(() => setImmediate(resolve)));
	return {
		stdout,
		stdin,
		session,
		instance,
		quits: () => quits,
		frame: () => stdout.lastFrame(),
		/** Presses keys one by one, letting Ink and React settle after each. */
		async press(...sequence: string[]) {
			for (const key of sequence) {
				stdin.press(key);
				await settle();
			}
		},
		settle,
		unmount: () => instance.unmount(),
	};
}
