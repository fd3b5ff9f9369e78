/** Facts about a registry domain that follow from its name alone. */

export const DOCKER_HUB_DOMAIN = 'docker.io';
const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
const DOCKER_HUB_CREDENTIALS_KEY = 'https://index.docker.io/v1/';

/** The host (with port) that serves the /v2/ API for `domain`. */
export function apiHostOf(domain: string): string {
	return domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_API_HOST : domain;
}

/** The key Docker's config.json and credential helpers use for `domain`. */
export function credentialsKeyOf(domain: string): string {
	return domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_CREDENTIALS_KEY : domain;
}

/** `host[:port]` or `[v6]:port` → the host name alone, brackets removed. */
export function hostnameOf(hostWithPort: string): string {
	if (hostWithPort.startsWith('[')) {
		const end = hostWithPort.indexOf(']');
		return end === -1 ? hostWithPort : hostWithPort.slice(1, end);
	}
	const colon = hostWithPort.indexOf(':');
	return colon === -1 ? hostWithPort : hostWithPort.slice(0, colon);
}

/** Loopback hosts (localhost, 127.0.0.0/8, ::1) may be reached over plain http. */
export function isLoopbackHost(hostWithPort: string): boolean {
	const name = hostnameOf(hostWithPort).toLowerCase();
	if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
	return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
