/** Signals that end the TUI: the terminal must be restored before the process goes. */
const signals = {SIGTERM: 15, SIGINT: 2, SIGHUP: 1} as const;

export type ExitSignal = keyof typeof signals;

/** The conventional exit code for a process ended by `signal`. */
export function signalExitCode(signal: ExitSignal): number {
	return 128 + signals[signal];
}

/**
 * Calls `handler` on SIGTERM, SIGINT or SIGHUP and on process exit; returns the
 * unsubscribe function. The listeners stay registered until then (not `once`): Ink's
 * signal-exit re-raises a signal, killing the process, when it sees no other listener.
 */
export function onTerminalExit(handler: (signal: ExitSignal | null) => void): () => void {
	const bySignal = Object.keys(signals).map(name => {
		const signal = name as ExitSignal;
		const listener = () => handler(signal);
		process.on(signal, listener);
		return [signal, listener] as const;
	});
	const onExit = () => handler(null);
	process.once('exit', onExit);
	return () => {
		for (const [signal, listener] of bySignal) process.off(signal, listener);
		process.off('exit', onExit);
	};
}
