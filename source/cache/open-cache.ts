import {oneLine} from '../text/escape.js';
import {AnalysisCache} from './analysis-cache.js';

/** One warning line as peel writes it to stderr. */
export function printWarning(message: string): void {
	process.stderr.write(`peel: warning: ${oneLine(message)}\n`);
}

/**
 * The analysis cache, unless --no-cache or PEEL_NO_CACHE says no. Its warnings (an
 * unreadable entry, a spoiled kept blob) go to stderr, or to `warn` (the full-screen
 * explorer holds them until the terminal is given back: a line written under it would
 * land in the middle of its frame).
 */
export function openCache(off: boolean, env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = printWarning): AnalysisCache | null {
	if (off || ['1', 'true', 'yes'].includes((env['PEEL_NO_CACHE'] ?? '').trim().toLowerCase())) return null;
	return new AnalysisCache({}, warn);
}
