import {realpathSync, statSync, type Stats} from 'node:fs';
import path from 'node:path';
import {PeelError} from '../errors.js';
import {escapeText} from '../text/escape.js';

/** What a `--json FILE` is: where the report lands, and the file already there (if any). */
export interface JsonTarget {
	/** As the user wrote it, for messages. */
	given: string;
	/**
	 * The real path the finished report is renamed onto: a symlink is followed (its
	 * target is replaced, the link kept), as the shell's `>` would.
	 */
	landing: string;
	existing: Stats | null;
	/**
	 * A device or pipe (`/dev/stdout`, a FIFO): written in place, as there is no file to
	 * keep and nothing to rename onto.
	 */
	stream: boolean;
}

function statOrNull(file: string): Stats | null {
	try {
		return statSync(file);
	} catch {
		return null;
	}
}

/** Where `given` leads, before any work: a directory that does not exist fails now, not after a long load. */
export function resolveJsonTarget(given: string): JsonTarget {
	const shown = escapeText(given);
	const existing = statOrNull(given);
	if (existing?.isDirectory()) throw new PeelError(`--json ${shown} is a directory; name a file in it`);
	if (existing && !existing.isFile()) return {given, landing: given, existing, stream: true};
	if (existing) return {given, landing: realpathSync(given), existing, stream: false};
	const dir = path.dirname(path.resolve(given));
	const dirStat = statOrNull(dir);
	if (!dirStat?.isDirectory()) throw new PeelError(`--json ${shown}: directory ${escapeText(dir)} does not exist`);
	return {given, landing: path.join(realpathSync(dir), path.basename(given)), existing: null, stream: false};
}

function sameFile(a: Stats, b: Stats): boolean {
	return a.dev === b.dev && a.ino === b.ino;
}

function refuse(target: JsonTarget, what: string): never {
	throw new PeelError(`--json ${escapeText(target.given)} would overwrite ${what}; write the report to another file`);
}

/**
 * Refuses a target that is one of the files the image is read from (compared by device
 * and inode, so symlinks and hardlinks count), or lies inside a directory it is read
 * from (an OCI layout). Paths that no longer exist are skipped.
 */
export function refuseInputOverwrite(target: JsonTarget, inputs: readonly string[]): void {
	for (const input of inputs) {
		const stat = statOrNull(input);
		if (!stat) continue;
		if (stat.isDirectory()) {
			const real = realpathSync(input);
			if (target.landing === real || target.landing.startsWith(real.endsWith(path.sep) ? real : real + path.sep)) {
				refuse(target, `the OCI layout ${escapeText(input)} the image is read from`);
			}
		} else if (target.existing && sameFile(stat, target.existing)) {
			refuse(target, input === target.given ? 'the image itself' : `${escapeText(input)}, which the image is read from`);
		}
	}
}
