import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {access, chmod, copyFile, link, lstat, mkdir, open, rename, rmdir, stat, symlink, unlink} from 'node:fs/promises';
import path from 'node:path';
import {PeelError} from '../errors.js';
import type {FileVersion} from '../model/types.js';
import {escapeText} from '../text/escape.js';
import type {PlannedItem} from './extract-plan.js';
import type {ImageContent} from './image-content.js';

export interface ExtractionResult {
	files: number;
	dirs: number;
	symlinks: number;
	/** Paths written as a hardlink to another extracted path (one inode in the image). */
	hardlinks: number;
	bytes: number;
	/** Existing files replaced (only with `force`). */
	replaced: number;
	/** Devices and pipes: not created. */
	skipped: number;
}

/** Set-user/group-ID bits are dropped: an extraction must not make privileged programs. */
const MODE_MASK = 0o1777;

/**
 * Writes a planned extraction under `dest`, which is created if missing. Never writes
 * outside it: every path is the image path under `dest`, no component inside `dest` may
 * be a symlink (checked before anything is written and again as each path is made), and
 * symlinks from the image are written last, as links, never followed. Never replaces an
 * existing file without `force`. Each file is written to a temporary name in its
 * directory and renamed when complete; on failure the temporary file and the directories
 * this run made (when empty) are removed: nothing half-written is left behind.
 */
export async function writeExtraction(items: PlannedItem[], dest: string, content: ImageContent, force: boolean): Promise<ExtractionResult> {
	const result: ExtractionResult = {files: 0, dirs: 0, symlinks: 0, hardlinks: 0, bytes: 0, replaced: 0, skipped: 0};
	const made: string[] = [];
	const temporary = new Set<string>();
	const shown = escapeText(dest);
	try {
		await makeDestination(dest, made);
		await preflight(items, dest, force);
		const dirModes: Array<[string, number]> = [];
		for (const item of items) {
			if (item.kind !== 'dir') continue;
			const target = where(dest, item.path);
			await safeParent(dest, target, made);
			if (!(await isRealDir(target))) {
				await mkdir(target, {mode: 0o700});
				made.push(target);
			}
			dirModes.push([target, item.mode & MODE_MASK]);
			result.dirs++;
		}
		// One read per layer; the paths of one inode get one file and hardlinks to it.
		const files = items.filter((item): item is Extract<PlannedItem, {kind: 'file'}> => item.kind === 'file');
		const firstOfInode = new Map<FileVersion, string>();
		const wanted = files.filter(f => {
			if (firstOfInode.has(f.inode)) return false;
			firstOfInode.set(f.inode, where(dest, f.path));
			return true;
		});
		await content.read(
			wanted.map(f => ({path: f.path, version: f.version, tag: f})),
			async (tags, bytes) => {
				const [first, ...same] = tags;
				const target = where(dest, first!.path);
				result.bytes += await writeFile(dest, target, bytes, first!.mode & MODE_MASK, made, temporary, force, result);
				result.files++;
				for (const other of same) {
					// Another name whose bytes are the same tar entry: a copy, not the same inode.
					await copyInto(dest, target, where(dest, other.path), other.mode & MODE_MASK, made, temporary, force, result);
					result.files++;
				}
			},
		);
		for (const f of files) {
			const target = where(dest, f.path);
			const first = firstOfInode.get(f.inode)!;
			if (first === target) continue;
			await placeAtomically(dest, target, made, temporary, force, result, temp => link(first, temp));
			result.hardlinks++;
		}
		for (const item of items) {
			if (item.kind === 'skipped') result.skipped++;
			if (item.kind !== 'symlink') continue;
			await placeAtomically(dest, where(dest, item.path), made, temporary, force, result, temp => symlink(item.target, temp));
			result.symlinks++;
		}
		// Deepest first: a read-only directory would refuse what goes inside it.
		for (const [dir, mode] of dirModes.reverse()) await chmod(dir, mode);
		return result;
	} catch (error) {
		for (const temp of temporary) await unlink(temp).catch(() => {});
		for (const dir of made.reverse()) await rmdir(dir).catch(() => {});
		if (error instanceof PeelError) throw error;
		const e = error as NodeJS.ErrnoException;
		const at = e.path ? escapeText(e.path) : shown;
		throw new PeelError(`cannot write ${at}: ${describeErrno(e)} (nothing was left half-written under ${shown})`);
	}
}

/**
 * Before any work: the destination is a directory, or can be made in the nearest
 * directory above it that exists, and that one is writable. (Checked again as it is written.)
 */
export async function checkDestination(dest: string): Promise<void> {
	let at = path.resolve(dest);
	for (;;) {
		const found = await exists(at).catch(error => {
			throw new PeelError(`cannot write ${escapeText(at)}: ${describeErrno(error as NodeJS.ErrnoException)}`);
		});
		if (found) {
			const target = found.isSymbolicLink() ? await stat(at).catch(() => null) : found;
			if (!target?.isDirectory()) throw new PeelError(`${escapeText(at)} is not a directory: choose a directory to extract into with -o`);
			await access(at, constants.W_OK | constants.X_OK).catch(error => {
				throw new PeelError(`cannot write ${escapeText(at)}: ${describeErrno(error as NodeJS.ErrnoException)}`);
			});
			return;
		}
		const up = path.dirname(at);
		if (up === at) return;
		at = up;
	}
}

function describeErrno(e: NodeJS.ErrnoException): string {
	switch (e.code) {
		case 'EACCES':
		case 'EPERM':
			return 'permission denied; choose a destination you can write with -o';
		case 'ENOSPC':
			return 'no space left on the device';
		case 'ENOTDIR':
			return 'a component of the destination is not a directory';
		case 'EROFS':
			return 'read-only file system; choose another destination with -o';
		case 'ENAMETOOLONG':
			return 'the name is too long for this file system';
		default:
			return e.message;
	}
}

/** The image path under `dest` (image paths are normalized: no `.`, `..` or empty names). */
function where(dest: string, imagePath: string): string {
	return path.join(dest, ...imagePath.split('/').filter(Boolean));
}

async function exists(file: string): Promise<import('node:fs').Stats | null> {
	try {
		return await lstat(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

async function isRealDir(file: string): Promise<boolean> {
	const stat = await exists(file);
	if (!stat) return false;
	if (stat.isDirectory()) return true;
	throw new PeelError(`${escapeText(file)} exists and is not a directory; peel does not replace it (remove it, or choose another -o)`);
}

async function makeDestination(dest: string, made: string[]): Promise<void> {
	const found = await exists(dest);
	// The destination itself is the user's to choose: a link to a directory is fine.
	if (found?.isDirectory() || (found?.isSymbolicLink() && (await stat(dest)).isDirectory())) return;
	if (found) throw new PeelError(`${escapeText(dest)} is not a directory: choose a directory to extract into with -o`);
	const first = await mkdir(dest, {recursive: true});
	if (first) made.push(first);
}

/** Every component between `dest` and `target`'s parent must be a real directory (or not exist yet: it is made). */
async function safeParent(dest: string, target: string, made: string[]): Promise<void> {
	const parts = path.relative(dest, path.dirname(target)).split(path.sep).filter(Boolean);
	let at = dest;
	for (const part of parts) {
		at = path.join(at, part);
		const stat = await exists(at);
		if (stat?.isDirectory()) continue;
		if (stat?.isSymbolicLink()) throw new PeelError(`${escapeText(at)} is a symlink: peel never writes through links (remove it, or choose another -o)`);
		if (stat) throw new PeelError(`${escapeText(at)} is not a directory; peel does not replace it (remove it, or choose another -o)`);
		await mkdir(at, {mode: 0o755});
		made.push(at);
	}
}

/** Before anything is written: links in the way, and files that would be replaced. */
async function preflight(items: PlannedItem[], dest: string, force: boolean): Promise<void> {
	const checked = new Set<string>();
	for (const item of items) {
		if (item.kind === 'skipped') continue;
		const target = where(dest, item.path);
		const parts = path.relative(dest, target).split(path.sep);
		let at = dest;
		for (let i = 0; i < parts.length; i++) {
			at = path.join(at, parts[i]!);
			if (checked.has(at)) continue;
			checked.add(at);
			const stat = await exists(at);
			if (!stat) break; // nothing below it exists either
			const last = i === parts.length - 1;
			if (!last || item.kind === 'dir') {
				if (stat.isDirectory()) continue;
				if (stat.isSymbolicLink()) throw new PeelError(`${escapeText(at)} is a symlink: peel never writes through links (remove it, or choose another -o)`);
				throw new PeelError(`${escapeText(at)} exists and is not a directory; peel does not replace it (remove it, or choose another -o)`);
			}
			if (stat.isDirectory()) throw new PeelError(`${escapeText(at)} is a directory; peel does not replace it with a ${item.kind} (remove it, or choose another -o)`);
			if (!force) throw new PeelError(`${escapeText(at)} already exists; peel does not overwrite it without --force`);
		}
	}
}

/** Makes the entry under a temporary name in its directory (by `make`), then renames it into place. */
async function placeAtomically(
	dest: string,
	target: string,
	made: string[],
	temporary: Set<string>,
	force: boolean,
	result: ExtractionResult,
	make: (temp: string) => Promise<void>,
): Promise<void> {
	await safeParent(dest, target, made);
	const before = await exists(target);
	if (before && (before.isDirectory() || !force)) {
		throw new PeelError(`${escapeText(target)} already exists; peel does not overwrite it without --force`);
	}
	const temp = path.join(path.dirname(target), `.peel-${randomBytes(6).toString('hex')}.tmp`);
	temporary.add(temp);
	await make(temp);
	await rename(temp, target);
	temporary.delete(temp);
	if (before) result.replaced++;
}

async function writeFile(
	dest: string,
	target: string,
	bytes: AsyncIterable<Buffer>,
	mode: number,
	made: string[],
	temporary: Set<string>,
	force: boolean,
	result: ExtractionResult,
): Promise<number> {
	let written = 0;
	await placeAtomically(dest, target, made, temporary, force, result, async temp => {
		const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
		try {
			// One chunk at a time: memory stays at one chunk whatever the file's size.
			for await (const chunk of bytes) {
				await handle.write(chunk);
				written += chunk.length;
			}
			await handle.chmod(mode);
		} finally {
			await handle.close();
		}
	});
	return written;
}

async function copyInto(
	dest: string,
	source: string,
	target: string,
	mode: number,
	made: string[],
	temporary: Set<string>,
	force: boolean,
	result: ExtractionResult,
): Promise<void> {
	await placeAtomically(dest, target, made, temporary, force, result, async temp => {
		await copyFile(source, temp, constants.COPYFILE_EXCL);
		await chmod(temp, mode);
	});
}
