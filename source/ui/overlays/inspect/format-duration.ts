/** Nanoseconds as Go's time.Duration prints them (30s, 1m30s, 1h0m0s, 500ms, 1.5s), as docker users read healthchecks. */
export function formatDuration(ns: number): string {
	if (!Number.isFinite(ns)) return String(ns);
	if (ns === 0) return '0s';
	const sign = ns < 0 ? '-' : '';
	const n = Math.abs(ns);
	if (n < 1e3) return `${sign}${n}ns`;
	if (n < 1e6) return `${sign}${trim(n / 1e3)}µs`;
	if (n < 1e9) return `${sign}${trim(n / 1e6)}ms`;
	const hours = Math.floor(n / 3.6e12);
	const minutes = Math.floor((n % 3.6e12) / 6e10);
	const seconds = trim((n % 6e10) / 1e9);
	if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
	if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
	return `${sign}${seconds}s`;
}

function trim(value: number): string {
	return String(Number(value.toFixed(9)));
}
