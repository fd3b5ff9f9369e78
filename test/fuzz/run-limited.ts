import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {PEEL_CLI} from './repo.js';

export interface Limits {
	/** Wall time before the run is killed and called a hang. */
	timeMs: number;
	/** Peak RSS the contract allows (MB). The run is killed at twice this, to spare the machine. */
	rssMb: number;
}

export interface LimitedRun {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** Total bytes written, even past what is kept. */
	stdoutBytes: number;
	stderrBytes: number;
	/** Peak RSS of the peel process in MB (GNU time's %M, else the last VmHWM seen). */
	peakRssMb: number;
	ms: number;
	killed?: 'time' | 'rss';
}

const GNU_TIME = '/usr/bin/time';
const KEEP = 256 * 1024;

function childPid(pid: number): number | null {
	try {
		const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		return children ? Number(children.split(' ')[0]) : null;
	} catch {
		return null;
	}
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/**
 * Runs the built CLI with `args` as a user would from a pipe: CI unset, stdout and stderr not
 * a TTY, no colour; its temp directory is `tmp` (so files it leaves behind can be found).
 * Peak RSS comes from GNU time (Debian package `time`); a watchdog polls /proc to kill
 * hangs and runaways.
 */
export async function runLimited(args: string[], options: {cwd: string; tmp: string; limits: Limits; env?: Record<string, string>}): Promise<LimitedRun> {
	const env: NodeJS.ProcessEnv = {...process.env, FORCE_COLOR: '0', TMPDIR: options.tmp, ...options.env};
	delete env['CI'];
	delete env['NO_COLOR'];
	if (options.env?.['CI']) env['CI'] = options.env['CI'];
	const meter = await mkdtemp(path.join(os.tmpdir(), 'peel-fuzz-meter-'));
	const rssFile = path.join(meter, 'rss');
	const timed = existsSync(GNU_TIME);
	const command = timed ? GNU_TIME : process.execPath;
	const argv = timed ? ['-f', '%M', '-o', rssFile, process.execPath, PEEL_CLI, ...args] : [PEEL_CLI, ...args];
	const started = Date.now();
	const child = spawn(command, argv, {cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
	const out = {stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0};
	const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
		out[`${stream}Bytes`] += chunk.length;
		if (out[stream].length < KEEP) out[stream] += chunk.toString('latin1').slice(0, KEEP - out[stream].length);
	};
	child.stdout!.on('data', collect('stdout'));
	child.stderr!.on('data', collect('stderr'));
	let killed: LimitedRun['killed'];
	let hwmKb = 0;
	const peel = () => (timed ? childPid(child.pid!) : child.pid!);
	const kill = (why: 'time' | 'rss') => {
		killed ??= why;
		const pid = peel();
		if (pid) process.kill(pid, 'SIGKILL');
		child.kill('SIGKILL');
	};
	const watchdog = setInterval(() => {
		const pid = peel();
		if (!pid) return;
		hwmKb = Math.max(hwmKb, statusKb(pid, 'VmHWM'));
		if (statusKb(pid, 'VmRSS') > options.limits.rssMb * 2 * 1024) kill('rss');
		if (Date.now() - started > options.limits.timeMs) kill('time');
	}, 100);
	const {code, signal} = await new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal}));
	});
	clearInterval(watchdog);
	const ms = Date.now() - started;
	let peakKb = hwmKb;
	let exit = {code, signal};
	if (timed) {
		const report = await readFile(rssFile, 'utf8').catch(() => '');
		const lines = report.trim().split('\n');
		peakKb = Math.max(peakKb, Number(lines.at(-1)) || 0);
		// GNU time exits with the command's code; a killed command shows as a note in its report.
		const bySignal = /terminated by signal (\d+)/.exec(report);
		if (bySignal) exit = {code: null, signal: signalName(Number(bySignal[1]))};
	}
	await rm(meter, {recursive: true, force: true});
	return {...exit, ...out, peakRssMb: Math.round(peakKb / 1024), ms, ...(killed ? {killed} : {})};
}

function signalName(n: number): NodeJS.Signals {
	const entry = Object.entries(os.constants.signals).find(([, v]) => v === n);
	return (entry?.[0] ?? 'SIGKILL') as NodeJS.Signals;
}
