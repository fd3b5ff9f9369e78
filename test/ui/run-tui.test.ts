import {describe, expect, test} from 'vitest';
import {PeelError} from '../../source/errors.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import type {LoadProgress, ProgressListener} from '../../source/load/progress.js';
import {runTui} from '../../source/ui/run-tui.js';
import {FakeStdin, FakeStdout} from './helpers/fake-terminal.js';
import {sampleImage} from './helpers/sample-image.js';

const enterAlternate = '\u001B[?1049h';
const leaveAlternate = '\u001B[?1049l';

function terminal() {
	const stdout = new FakeStdout(100, 30);
	const stdin = new FakeStdin();
	return {stdout, stdin, options: {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream}};
}

const tick = (ms = 20) => new Promise(resolve => setTimeout(resolve, ms));

/** Everything written, in order. */
const written = (stdout: FakeStdout) => stdout.frames.join('');

function progress(bytes: number): LoadProgress {
	return {
		phase: 'reading',
		reference: 'test/image:latest',
		layers: [
			{index: 0, bytesRead: bytes, totalBytes: 1000, entries: 7, done: false},
			{index: 1, bytesRead: 0, totalBytes: null, entries: 0, done: false},
		],
		elapsedMs: 1200,
	};
}

describe('refusing without a terminal', () => {
	test('stdout not a TTY: one line suggesting --json or --ci, nothing written', async () => {
		const {stdout, options} = terminal();
		Object.defineProperty(stdout, 'isTTY', {value: false});
		let called = false;
		const error = await runTui(async () => {
			called = true;
			return sampleImage();
		}, options).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PeelError);
		expect((error as PeelError).message).toMatch(/--json/);
		expect((error as PeelError).message).toMatch(/--ci/);
		expect((error as PeelError).message).not.toContain('\n');
		expect(called).toBe(false);
		expect(stdout.writes).toBe(0);
	});

	test('stdin without raw mode: refused the same way', async () => {
		const {stdin, options} = terminal();
		Object.defineProperty(stdin, 'isTTY', {value: false});
		await expect(runTui(async () => sampleImage(), options)).rejects.toThrow(PeelError);
	});
});

describe('a session', () => {
	test('enters the alternate screen, loads, explores, and leaves it on q', async () => {
		const {stdout, stdin, options} = terminal();
		let signal: AbortSignal | null = null;
		let loaded!: (image: AnalyzedImage) => void;
		const done = runTui((_onProgress, abort) => {
			signal = abort;
			return new Promise(resolve => (loaded = resolve));
		}, options);
		await tick();
		expect(written(stdout).startsWith(enterAlternate)).toBe(true);
		loaded(sampleImage());
		await tick(50);
		stdin.press('q');
		await done;
		const all = written(stdout);
		expect(all.lastIndexOf(leaveAlternate)).toBeGreaterThan(all.indexOf(enterAlternate));
		expect(all.endsWith(`${leaveAlternate}\u001B[?25h`)).toBe(true);
		expect(signal!.aborted).toBe(false);
	});

	test('Ctrl+C while loading aborts the load and restores the terminal', async () => {
		const {stdout, stdin, options} = terminal();
		let signal: AbortSignal | null = null;
		let report: ProgressListener = () => {};
		const done = runTui(
			(onProgress, abort) =>
				new Promise((_resolve, reject) => {
					signal = abort;
					report = onProgress;
					abort.addEventListener('abort', () => reject(new PeelError('cancelled', 130)));
				}),
			options,
		);
		await tick();
		report(progress(400));
		await tick(150);
		stdin.press('\u0003');
		await done;
		expect(signal!.aborted).toBe(true);
		expect(written(stdout).endsWith(`${leaveAlternate}\u001B[?25h`)).toBe(true);
	});

	test('a load error is re-thrown after the terminal is restored', async () => {
		const {stdout, options} = terminal();
		const failure = new PeelError('cannot read layer 3: unexpected end of gzip data');
		const error = await runTui(async () => {
			await tick(30);
			throw failure;
		}, options).catch((e: unknown) => e);
		expect(error).toBe(failure);
		expect(written(stdout).endsWith(`${leaveAlternate}\u001B[?25h`)).toBe(true);
	});

	test('SIGTERM restores the terminal and ends the session with exit code 143', async () => {
		const {stdout, options} = terminal();
		const listeners = process.listenerCount('SIGTERM');
		const done = runTui(async () => sampleImage(), options).catch((e: unknown) => e);
		await tick(50);
		process.emit('SIGTERM');
		const error = await done;
		expect(error).toBeInstanceOf(PeelError);
		expect((error as PeelError).exitCode).toBe(143);
		expect((error as PeelError).message).toBe('stopped by SIGTERM');
		expect(written(stdout).endsWith(`${leaveAlternate}\u001B[?25h`)).toBe(true);
		expect(process.listenerCount('SIGTERM')).toBe(listeners);
	});
});
