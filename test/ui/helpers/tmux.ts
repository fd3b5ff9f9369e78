import {execFileSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A detached tmux server of our own (its own socket), for driving the built CLI in a
 * real terminal: send keys, read the screen.
 */
export class TmuxSession {
	private readonly socket = `peel-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

	constructor(
		readonly columns: number,
		readonly rows: number,
		/**
		 * The explorer opens before the image has loaded. Unless a test looks at that on
		 * purpose (`early`), waitFor passes over the screens of an explorer still loading
		 * (its Layers title says "· loading, N stacked"), so that keys go to the whole image.
		 */
		private readonly options: {early?: boolean} = {},
	) {}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	}

	/** Starts `command` (a shell command line) in a new session of the given size. */
	start(command: string, cwd: string): void {
		execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'peel', '-x', String(this.columns), '-y', String(this.rows), '-c', cwd, command], {
			encoding: 'utf8',
		});
	}

	keys(...keys: string[]): void {
		for (const key of keys) this.tmux('send-keys', '-t', 'peel', key);
	}

	/** Sends several keys in one send-keys command: tmux writes them to the terminal together. */
	keysTogether(...keys: string[]): void {
		this.tmux('send-keys', '-t', 'peel', ...keys);
	}

	/** Writes `bytes` to the terminal's input in one write, as a paste or a slow link delivers them (no bracketed paste). */
	writeTogether(bytes: string): void {
		this.tmux('set-buffer', '-b', 'together', bytes);
		this.tmux('paste-buffer', '-d', '-b', 'together', '-t', 'peel');
	}

	/** Resizes the window, as a user dragging the terminal's corner. */
	resize(columns: number, rows: number): void {
		this.tmux('resize-window', '-t', 'peel', '-x', String(columns), '-y', String(rows));
	}

	/** Types text literally. */
	type(text: string): void {
		this.tmux('send-keys', '-t', 'peel', '-l', text);
	}

	screen(): string {
		// -J joins lines the terminal wrapped.
		return this.tmux('capture-pane', '-p', '-J', '-t', 'peel');
	}

	/** Sets a server option, e.g. set-clipboard on: an OSC 52 copy from the program lands in a paste buffer. */
	serverOption(name: string, value: string): void {
		this.tmux('set-option', '-s', name, value);
	}

	/** The newest paste buffer, as tmux decoded it. */
	pasteBuffer(): string {
		return this.tmux('show-buffer');
	}

	/** A pane format variable: alternate_on, cursor_flag, pane_pid, pane_dead, pane_dead_status… */
	pane(variable: string): string {
		return this.tmux('display-message', '-p', '-t', 'peel', `#{${variable}}`).trim();
	}

	async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			screen = this.screen();
			if (test(screen) && (this.options.early || !screen.includes('· loading, '))) return screen;
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		throw new Error(`timed out waiting for ${what}; the screen shows:\n${screen}`);
	}

	/** Ends our tmux server and everything in it, and removes its socket. */
	stop(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Already gone.
		}
		const uid = process.getuid?.() ?? 0;
		rmSync(path.join(process.env['TMUX_TMPDIR'] ?? os.tmpdir(), `tmux-${uid}`, this.socket), {force: true});
	}
}

export function tmuxAvailable(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}
