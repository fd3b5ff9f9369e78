import {PeelError} from '../../errors.js';
import type {EngineEndpoint, TlsFiles} from './engine-endpoint.js';

// The docker CLI's defaults for a tcp host without a port (opts/hosts.go).
const plainPort = 2375;
const tlsPort = 2376;

/**
 * Parses an engine host URL (DOCKER_HOST, CONTAINER_HOST, --engine-host, a context's
 * Endpoints.docker.Host). `tls` applies to tcp hosts only; https:// asks for TLS by itself.
 */
export function parseEngineHost(text: string, origin: string, tls: TlsFiles | null): EngineEndpoint {
	const value = text.trim();
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
	if (scheme === 'unix') {
		const socketPath = value.slice('unix://'.length);
		if (!socketPath.startsWith('/')) {
			throw new PeelError(`engine host "${value}" (${origin}) needs an absolute socket path, e.g. unix:///var/run/docker.sock`);
		}
		return {kind: 'unix', socketPath, origin, alsoTried: []};
	}
	if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
		return parseTcp(value, scheme, origin, tls);
	}
	if (scheme === 'ssh') {
		throw new PeelError(
			`engine host "${value}" (${origin}) uses ssh://, which peel does not support; use a unix socket (unix:///path) or tcp://host:port`,
		);
	}
	if (scheme === 'npipe') {
		throw new PeelError(`engine host "${value}" (${origin}) is a Windows named pipe, which peel does not support; use a unix socket or tcp://host:port`);
	}
	throw new PeelError(`engine host "${value}" (${origin}) is not understood; use unix:///path/to/socket or tcp://host:port`);
}

function parseTcp(value: string, scheme: string, origin: string, tls: TlsFiles | null): EngineEndpoint {
	// host, [ipv6] or host:port, optionally followed by a bare "/".
	const match = /^(\[[0-9a-fA-F:.]+\]|[^:/\[\]]+)(?::(\d{1,5}))?\/?$/.exec(value.slice(scheme.length + 3));
	if (!match) throw new PeelError(`engine host "${value}" (${origin}) is not a valid tcp://host:port address`);
	const useTls = scheme === 'https' ? (tls ?? {ca: null, cert: null, key: null, verify: true}) : scheme === 'http' ? null : tls;
	const host = match[1]!.replace(/^\[(.*)\]$/, '$1');
	const port = match[2] ? Number(match[2]) : useTls ? tlsPort : plainPort;
	if (port < 1 || port > 65535) throw new PeelError(`engine host "${value}" (${origin}) has an invalid port`);
	return {kind: 'tcp', host, port, origin, tls: useTls};
}
