import {createHash} from 'node:crypto';
import {existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync} from 'node:fs';
import path from 'node:path';
import type {LimitedRun} from './run-limited.js';

/** Every file under `root` (or the file itself): type, mode, size, mtime, inode, content hash or link target. */
export function snapshot(root: string): Map<string, string> {
	const out = new Map<string, string>();
	const visit = (full: string, rel: string) => {
		const st = lstatSync(full);
		const meta = `${st.mode.toString(8)} ${st.size} ${st.mtimeMs} ${st.ino}`;
		if (st.isSymbolicLink()) out.set(rel, `link ${readlinkSync(full)} ${meta}`);
		else if (st.isDirectory()) {
			out.set(rel, `dir ${st.mode.toString(8)}`);
			for (const name of readdirSync(full)) visit(path.join(full, name), path.join(rel, name));
		} else out.set(rel, `file ${meta} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
	};
	visit(root, '.');
	return out;
}

/** The first difference between two snapshots, or null. */
export function snapshotChange(before: Map<string, string>, after: Map<string, string>): string | null {
	for (const [name, was] of before) {
		const now = after.get(name);
		if (now === undefined) return `${name} was removed`;
		if (now !== was) return `${name} changed (${was.split(' ')[0]} → ${now.split(' ')[0]}${now.split(' ').at(-1) !== was.split(' ').at(-1) ? ', content' : ''})`;
	}
	for (const name of after.keys()) if (!before.has(name)) return `stray file ${name}`;
	return null;
}

export type Mode = 'json' | 'ci' | 'plain';

// C0 controls except the line feed, DEL, and the C1 controls (U+0080–U+009F, as UTF-8 0xC2 0x80–0x9F)
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]/;
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
/** A line of this length is no longer "one clear line". */
export const MAX_LINE = 2000;

export interface Expectations {
	mode: Mode;
	/** --json file: must be valid JSON on exit 0, absent on exit 2. */
	jsonOut?: string;
	rssMb: number;
}

/**
 * peel's promise for any input (issue 14): exit 0, 1 (CI rule failure, --ci only) or 2; on
 * exit 2 exactly one stderr line starting `peel: `; never a stack trace, "unexpected error" or
 * a raw control byte; the --json file valid when written; RSS under the bound; no hang.
 * Returns the first broken promise, or null.
 */
export function contractViolation(run: LimitedRun, expect: Expectations): string | null {
	if (run.killed === 'time') return `hang: killed after ${run.ms} ms`;
	if (run.killed === 'rss') return `RSS runaway: killed above ${expect.rssMb * 2} MB`;
	if (run.signal) return `died of ${run.signal}`;
	const allowed = expect.mode === 'ci' ? [0, 1, 2] : [0, 2];
	if (!allowed.includes(run.code ?? -1)) return `exit code ${run.code}`;
	if (STACK_FRAME.test(run.stderr) || STACK_FRAME.test(run.stdout)) return `stack trace: ${firstLine(run.stderr)}`;
	if (/unexpected error/i.test(run.stderr)) return `unexpected error: ${firstLine(run.stderr)}`;
	if (RAW_CONTROL.test(run.stderr)) return `raw control byte in stderr: ${visible(firstLine(run.stderr))}`;
	if (expect.mode === 'ci' && RAW_CONTROL.test(run.stdout)) return `raw control byte in the CI report: ${visible(run.stdout.split('\n').find(l => RAW_CONTROL.test(l)) ?? '')}`;
	if (run.code === 2) {
		const lines = run.stderr.split('\n');
		if (lines.length !== 2 || lines[1] !== '') return `${lines.length - 1} stderr lines on exit 2: ${visible(firstLine(run.stderr))}`;
		if (!lines[0]!.startsWith('peel: ')) return `stderr line without "peel: ": ${visible(lines[0]!)}`;
		if (run.stderrBytes > MAX_LINE) return `stderr line of ${run.stderrBytes} bytes`;
		if (expect.jsonOut && existsSync(expect.jsonOut)) return 'a --json file was left behind on exit 2';
	} else {
		if (run.stderr.split('\n').some(l => l !== '' && !l.startsWith('peel: '))) return `stray stderr on exit ${run.code}: ${visible(firstLine(run.stderr))}`;
		if (expect.jsonOut) {
			if (!existsSync(expect.jsonOut)) return `exit ${run.code} without the --json file`;
			const size = statSync(expect.jsonOut).size;
			if (size > 512 << 20) return `--json file of ${size} bytes`;
			try {
				JSON.parse(readFileSync(expect.jsonOut, 'utf8'));
			} catch (error) {
				return `--json file is not JSON: ${(error as Error).message}`;
			}
		}
	}
	if (run.peakRssMb > expect.rssMb) return `peak RSS ${run.peakRssMb} MB over ${expect.rssMb} MB`;
	return null;
}

export const firstLine = (text: string): string => text.split('\n')[0]!.slice(0, 300);

/** Control characters made visible for a report line. */
export const visible = (text: string): string =>
	text.replace(/[\x00-\x1f\x7f-\x9f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).slice(0, 300);
