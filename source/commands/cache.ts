import {parseArgs} from 'node:util';
import {AnalysisCache, type CacheEntryInfo, type CacheEntryKind} from '../cache/analysis-cache.js';
import {PeelError} from '../errors.js';
import {formatBytes} from '../text/bytes.js';
import {escapeText} from '../text/escape.js';

export const CACHE_HELP = `Usage: peel cache ls
       peel cache prune [--all | --older-than AGE]

peel keeps what it learned from each layer (by digest and diff_id) and each image's
analysis and report, so that opening an image again reads no layer twice, and the
blobs it pulled from registries (by digest), so that no blob is downloaded twice.
  ls                      a table of every entry: kind, size, last use, what it is
                          about; then the count and bytes per kind, the total and the cap
  prune --older-than AGE  remove entries not used for AGE (30m, 12h, 7d, 2w)
  prune --all             remove everything (prune alone: entries older than 7d)
Where: PEEL_CACHE_DIR, else $XDG_CACHE_HOME/peel, else ~/.cache/peel.
Cap: PEEL_CACHE_MAX (default 2GiB; the least recently used go first).
Off: --no-cache on any run, or PEEL_NO_CACHE=1.
`;

const UNITS: Record<string, number> = {m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

/** "7d" → milliseconds. */
export function parseAge(text: string): number {
	const match = /^([0-9]{1,6})([mhdw])$/.exec(text.trim());
	if (!match) throw new PeelError(`--older-than wants an age such as 30m, 12h, 7d or 2w, not "${escapeText(text, 40)}"`);
	return Number(match[1]) * UNITS[match[2]!]!;
}

/** `peel cache ls|prune`. */
export async function cacheCommand(argv: string[], out: NodeJS.WritableStream = process.stdout, now = Date.now()): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({args: argv, allowPositionals: true, strict: true, options: {all: {type: 'boolean'}, 'older-than': {type: 'string'}}});
	} catch (error) {
		throw new PeelError(`${(error as Error).message.split('\n')[0]} (see peel cache --help)`);
	}
	const {values, positionals} = parsed;
	const [action, ...extra] = positionals;
	if (extra.length > 0 || (action !== 'ls' && action !== 'prune')) throw new PeelError('usage: peel cache ls | peel cache prune [--all | --older-than AGE]');
	const cache = new AnalysisCache();
	if (action === 'ls') {
		if (values.all || values['older-than']) throw new PeelError('peel cache ls takes no options (see peel cache --help)');
		const entries = cache.list(true);
		out.write(`${row('KIND', 'SIZE', 'USED', 'ABOUT')}\n`);
		for (const entry of entries) out.write(`${row(entry.kind, formatBytes(entry.bytes), ago(now - entry.usedMs), escapeText(entry.about, 300))}\n`);
		out.write(`${byKind(entries)}\n`);
		const total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
		out.write(`${entries.length} entries, ${formatBytes(total)} of ${formatBytes(cache.cap)} in ${escapeText(cache.dir)}\n`);
		return 0;
	}
	if (values.all && values['older-than']) throw new PeelError('--all or --older-than, not both');
	const age = values.all ? 0 : parseAge(values['older-than'] ?? '7d');
	const gone = cache.prune(values.all ? Infinity : now - age);
	const bytes = gone.reduce((sum, entry) => sum + entry.bytes, 0);
	out.write(`removed ${gone.length} entries, ${formatBytes(bytes)}\n`);
	return 0;
}

function row(kind: string, size: string, used: string, about: string): string {
	return `${kind.padEnd(6)}  ${size.padStart(9)}  ${used.padStart(8)}  ${about}`;
}

const KINDS: ReadonlyArray<[CacheEntryKind, string]> = [
	['layer', 'layers'],
	['image', 'images'],
	['report', 'reports'],
	['blob', 'registry blobs'],
];

/** "3 layers 1.2 kB, 1 image 310 B, 1 report 2.0 kB, 2 registry blobs 9.1 MB": every kind, also when none. */
function byKind(entries: CacheEntryInfo[]): string {
	return KINDS.map(([kind, plural]) => {
		const some = entries.filter(entry => entry.kind === kind);
		const bytes = some.reduce((sum, entry) => sum + entry.bytes, 0);
		return `${some.length} ${some.length === 1 ? plural.replace(/s$/, '') : plural} ${formatBytes(bytes)}`;
	}).join(', ');
}

function ago(ms: number): string {
	const minutes = Math.max(Math.round(ms / 60_000), 0);
	if (minutes < 60) return `${minutes}m ago`;
	if (minutes < 48 * 60) return `${Math.round(minutes / 60)}h ago`;
	return `${Math.round(minutes / 1440)}d ago`;
}
