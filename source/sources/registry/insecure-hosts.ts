import {hostnameOf} from '../../reference/registry-host.js';

/**
 * Matches hosts against --insecure-registry entries ("host", "host:port", or with an
 * http(s):// prefix). An entry without a port covers every port of that host.
 */
export function insecureHostMatcher(entries: string[]): (host: string) => boolean {
	const normalized = entries.map(entry => entry.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '').toLowerCase()).filter(Boolean);
	return (host: string) => {
		const lower = host.toLowerCase();
		const name = hostnameOf(lower);
		return normalized.some(entry => entry === lower || (entry === name && !entry.includes(':')) || (entry === `[${name}]`));
	};
}
