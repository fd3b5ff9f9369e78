import {execFileSync, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A real terminal for timing the built CLI: a tmux server of our own with one window of a
 * fixed size, driven through one control-mode client. Reading the screen is a command on
 * that client's pipe, not a new tmux process per look: a look every 20 ms costs about 5 %
 * of one core (tmux and this process together, measured), not a process start each time.
 */
export class TimedTerminal {
	private readonly socket = `peel-bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	private client: ChildProcessWithoutNullStreams | null = null;
	private buffered = '';
	private block: string[] | null = null;
	private onAttached: (() => void) | null = null;
	private readonly replies: Array<{resolve: (lines: string[]) => void; reject: (error: Error) => void}> = [];

	constructor(
		readonly columns: number,
		readonly rows: number,
	) {}

	/** Opens the window (an idle pane; its programs get `env`) and attaches the control client. */
	async open(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
		// window-size manual: the control client must not resize the window; remain-on-exit keeps a crash's last screen.
		execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'peel', '-x', String(this.columns), '-y', String(this.rows), '-c', cwd, 'sleep 100000', ';', 'set-option', '-g', 'window-size', 'manual', ';', 'set-option', '-g', 'remain-on-exit', 'on'], {env});
		const client = spawn('tmux', ['-L', this.socket, '-C', 'attach-session', '-t', 'peel'], {stdio: 'pipe', env});
		this.client = client;
		client.stdout.setEncoding('utf8');
		client.stdout.on('data', (chunk: string) => this.receive(chunk));
		const attached = new Promise<void>((resolve, reject) => {
			this.onAttached = resolve;
			setTimeout(() => reject(new Error('the tmux control client did not attach within 10 s')), 10_000).unref();
		});
		client.on('exit', () => {
			for (const reply of this.replies.splice(0)) reply.reject(new Error('the tmux control client exited'));
		});
		// Commands sent before the client is attached fail with "no current client".
		await attached;
		await this.command('refresh-client -f no-output');
		const size = (await this.command(`display-message -p -t peel '#{window_width}x#{window_height}'`)).join('').trim();
		if (size !== `${this.columns}x${this.rows}`) throw new Error(`the bench terminal is ${size}, not ${this.columns}x${this.rows}`);
	}

	/** Replaces the pane's program with `commandLine` (run by sh); resolves once tmux has started it. */
	async run(commandLine: string): Promise<void> {
		await this.command(`respawn-pane -k -t peel ${quote(commandLine)}`);
	}

	async screen(): Promise<string> {
		return (await this.command('capture-pane -p -J -t peel')).join('\n');
	}

	/** Types keys as tmux names them (q, C-c, Enter). */
	async keys(...keys: string[]): Promise<void> {
		await this.command(`send-keys -t peel ${keys.map(quote).join(' ')}`);
	}

	async paneDead(): Promise<boolean> {
		return (await this.command(`display-message -p -t peel '#{pane_dead}'`)).join('').trim() === '1';
	}

	/**
	 * Polls the screen every `everyMs` until `test` holds; returns the screen and when it was
	 * seen (performance.now()). Throws with the last screen if it never comes, or the program ends first.
	 */
	async waitFor(test: (screen: string) => boolean, what: string, timeoutMs: number, everyMs = 20): Promise<{screen: string; at: number}> {
		const deadline = performance.now() + timeoutMs;
		const shown = (screen: string) => screen.split('\n').filter(line => line.trim() !== '').join('\n') || '(nothing)';
		let screen = '';
		for (let poll = 0; performance.now() < deadline; poll++) {
			screen = await this.screen();
			const at = performance.now();
			if (test(screen)) return {screen, at};
			// Whether peel ended needs asking less often than the screen.
			if (poll % 10 === 0 && (await this.paneDead())) {
				// With the scrollback: tmux's own "Pane is dead" line can land over peel's last words.
				const all = (await this.command('capture-pane -p -J -S - -t peel')).join('\n');
				throw new Error(`peel ended before ${what}; the terminal shows:\n${shown(all)}`);
			}
			await new Promise(resolve => setTimeout(resolve, everyMs));
		}
		throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen shows:\n${shown(screen)}`);
	}

	/** Ends the server, everything in it and its socket. */
	close(): void {
		this.client?.kill();
		try {
			execFileSync('tmux', ['-L', this.socket, 'kill-server'], {stdio: 'ignore'});
		} catch {
			// Already gone.
		}
		rmSync(path.join(process.env['TMUX_TMPDIR'] ?? os.tmpdir(), `tmux-${process.getuid?.() ?? 0}`, this.socket), {force: true});
	}

	private command(line: string): Promise<string[]> {
		const client = this.client;
		if (!client) return Promise.reject(new Error('the bench terminal is not open'));
		return new Promise((resolve, reject) => {
			this.replies.push({resolve, reject});
			client.stdin.write(`${line}\n`);
		});
	}

	/** Control mode: a command's reply is the lines between "%begin … 1" and "%end … 1" (flag 1: a command of ours). */
	private receive(chunk: string): void {
		this.buffered += chunk;
		let newline: number;
		while ((newline = this.buffered.indexOf('\n')) >= 0) {
			const line = this.buffered.slice(0, newline);
			this.buffered = this.buffered.slice(newline + 1);
			if (this.block === null) {
				if (line.startsWith('%session-changed ')) this.onAttached?.();
				if (/^%begin \d+ \d+ 1$/.test(line)) this.block = [];
				continue;
			}
			const end = /^%(end|error) \d+ \d+ 1$/.exec(line);
			if (!end) {
				this.block.push(line);
				continue;
			}
			const lines = this.block;
			this.block = null;
			const reply = this.replies.shift();
			if (end[1] === 'error') reply?.reject(new Error(`tmux: ${lines.join(' ')}`));
			else reply?.resolve(lines);
		}
	}
}

/** Quotes one argument for tmux's command parser (the bench's own command lines never hold a quote). */
function quote(text: string): string {
	if (text.includes("'")) throw new Error(`cannot quote ${text} for tmux`);
	return `'${text}'`;
}
