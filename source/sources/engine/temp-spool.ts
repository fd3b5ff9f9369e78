import {mkdtempSync, rmSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A private temp directory holding one spooled export; removed on close, error and exit. */
export interface TempSpool {
	/** Where to write the export (inside a 0700 directory; the file itself is created 0600). */
	file: string;
	remove(): Promise<void>;
}

const live = new Set<string>();
let hooksInstalled = false;

/** `prefix` names the directory (the registry's blob cache uses the same private, self-removing kind). */
export function createTempSpool(prefix = 'peel-engine-'): TempSpool {
	installExitHooks();
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	live.add(dir);
	return {
		file: path.join(dir, 'export.tar'),
		async remove() {
			if (!live.delete(dir)) return;
			await rm(dir, {recursive: true, force: true});
		},
	};
}

/** Temp directories not yet removed (for tests). */
export function liveSpoolDirs(): string[] {
	return [...live];
}

function removeAllNow(): void {
	for (const dir of live) {
		try {
			rmSync(dir, {recursive: true, force: true});
		} catch {
			// Exiting anyway; nothing better to do.
		}
	}
	live.clear();
}

function installExitHooks(): void {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', removeAllNow);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		const onSignal = () => {
			removeAllNow();
			// Listening to a signal disables Node's default exit; when nobody else handles it,
			// restore the default and re-raise so the process still dies of the signal.
			if (process.listenerCount(signal) === 1) {
				process.removeListener(signal, onSignal);
				process.kill(process.pid, signal);
			}
		};
		process.on(signal, onSignal);
	}
}
