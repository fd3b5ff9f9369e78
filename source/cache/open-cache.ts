import {oneLine} from '../text/escape.js';
import {AnalysisCache} from './analysis-cache.js';

/** The analysis cache, unless --no-cache or PEEL_NO_CACHE says no; its warnings (an unreadable entry) go to stderr. */
export function openCache(off: boolean, env: NodeJS.ProcessEnv = process.env): AnalysisCache | null {
	if (off || ['1', 'true', 'yes'].includes((env['PEEL_NO_CACHE'] ?? '').trim().toLowerCase())) return null;
	return new AnalysisCache({}, message => process.stderr.write(`peel: warning: ${oneLine(message)}\n`));
}
