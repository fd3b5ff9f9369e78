import {randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, openSync, renameSync, unlinkSync} from 'node:fs';
import path from 'node:path';
import {PeelError} from '../errors.js';
import {escapeText} from '../text/escape.js';

function what(error: unknown): string {
	switch ((error as NodeJS.ErrnoException).code) {
		case 'ENOSPC':
			return 'no space left on the device';
		case 'EDQUOT':
			return 'disk quota exceeded';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied in that directory';
		case 'EROFS':
			return 'the file system is read-only';
		case 'EISDIR':
			return 'it is a directory';
		case 'ENXIO':
			return 'no such device or address (a socket cannot be opened by name; use --json - instead)';
		default:
			return (error as Error).message;
	}
}

/**
 * Writes a file whole or not at all: into a temp file beside `landing` (same file
 * system, so the rename is atomic), synced, then renamed onto it. On any failure the
 * temp file is removed and whatever was at `landing` stays as it was.
 */
export function writeAtomically(landing: string, shownAs: string, write: (fd: number) => void): void {
	const dir = path.dirname(landing);
	const temp = path.join(dir, `.peel-${randomBytes(6).toString('hex')}.tmp`);
	let fd: number | null = null;
	try {
		// 0o666 less the umask, as any new file.
		fd = openSync(temp, 'wx', 0o666);
		write(fd);
		fsyncSync(fd);
		closeSync(fd);
		fd = null;
		renameSync(temp, landing);
	} catch (error) {
		if (fd !== null) closeQuietly(fd);
		try {
			unlinkSync(temp);
		} catch {
			// Never created, or already renamed.
		}
		if (isSystemError(error)) {
			throw new PeelError(`cannot write --json ${escapeText(shownAs)}: ${what(error)}; the previous file, if any, is unchanged`);
		}
		throw error;
	}
	// The rename itself survives a crash only once the directory is synced.
	try {
		const dirFd = openSync(dir, 'r');
		try {
			fsyncSync(dirFd);
		} finally {
			closeSync(dirFd);
		}
	} catch {
		// Some file systems refuse to sync a directory; the report is written all the same.
	}
}

/** Writes to a device or pipe (/dev/stdout, a FIFO): nothing to keep, nothing to rename. */
export function writeInPlace(target: string, shownAs: string, write: (fd: number) => void): void {
	let fd: number | null = null;
	try {
		fd = openSync(target, 'w');
		write(fd);
		closeSync(fd);
		fd = null;
	} catch (error) {
		if (fd !== null) closeQuietly(fd);
		if (isSystemError(error)) throw new PeelError(`cannot write --json ${escapeText(shownAs)}: ${what(error)}`);
		throw error;
	}
}

function closeQuietly(fd: number): void {
	try {
		closeSync(fd);
	} catch {
		// Already failing: the first error is the one to report.
	}
}

function isSystemError(error: unknown): boolean {
	return typeof (error as NodeJS.ErrnoException | null)?.code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
