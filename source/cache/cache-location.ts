import os from 'node:os';
import path from 'node:path';
import {PeelError} from '../errors.js';

/** Default cap on the cache's size: its oldest entries go first beyond it. */
export const DEFAULT_CACHE_CAP = 2 * 1024 ** 3;

/** PEEL_CACHE_DIR, else $XDG_CACHE_HOME/peel, else ~/.cache/peel. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env['PEEL_CACHE_DIR']) return path.resolve(env['PEEL_CACHE_DIR']);
	const xdg = env['XDG_CACHE_HOME'];
	// The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
	const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
	return path.join(base, 'peel');
}

/** PEEL_CACHE_MAX (bytes, or with a unit: 500MB, 2GB; SI units), else 2 GiB. */
export function cacheCap(env: NodeJS.ProcessEnv = process.env): number {
	const text = env['PEEL_CACHE_MAX']?.trim();
	if (!text) return DEFAULT_CACHE_CAP;
	const match = /^([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|TB)?$/i.exec(text);
	if (!match) throw new PeelError(`PEEL_CACHE_MAX "${text.slice(0, 40)}" is no size: write e.g. 500MB or 2GB`);
	const unit = {B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12}[(match[2] ?? 'B').toUpperCase() as 'B'];
	return Math.floor(Number(match[1]) * unit);
}
