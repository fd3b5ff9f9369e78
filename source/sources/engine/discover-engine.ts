import path from 'node:path';
import type {EngineEndpoint, TlsFiles} from './engine-endpoint.js';
import {contextEndpoint, currentContextName, dockerConfigDir} from './docker-context.js';
import type {FileReader} from './file-reader.js';
import {parseEngineHost} from './parse-engine-host.js';

export type EngineKind = 'docker' | 'podman';

export interface DiscoveryInput {
	env: Record<string, string | undefined>;
	homeDir: string;
	/** --engine-host, which beats everything else. */
	engineHost?: string;
}

export const defaultDockerSocket = '/var/run/docker.sock';
export const rootfulPodmanSocket = '/run/podman/podman.sock';

/**
 * Finds the engine's API endpoint the way its own CLI does. Pure: reads only `input`
 * and files through `reader`.
 */
export function discoverEngine(engine: EngineKind, input: DiscoveryInput, reader: FileReader): EngineEndpoint {
	return engine === 'docker' ? discoverDocker(input, reader) : discoverPodman(input, reader);
}

function discoverDocker({env, homeDir, engineHost}: DiscoveryInput, reader: FileReader): EngineEndpoint {
	const configDir = dockerConfigDir(env, homeDir);
	if (engineHost) return parseEngineHost(engineHost, '--engine-host', dockerEnvTls(env, configDir, reader));
	// DOCKER_HOST selects the "default" context, whatever DOCKER_CONTEXT or config.json say.
	if (env['DOCKER_HOST']) return parseEngineHost(env['DOCKER_HOST'], 'DOCKER_HOST', dockerEnvTls(env, configDir, reader));
	const fromEnv = env['DOCKER_CONTEXT'] || null;
	const name = fromEnv ?? currentContextName(configDir, reader);
	if (name && name !== 'default') {
		const origin = fromEnv ? 'DOCKER_CONTEXT' : `currentContext in ${path.join(configDir, 'config.json')}`;
		return contextEndpoint(name, origin, configDir, reader);
	}
	return {kind: 'unix', socketPath: defaultDockerSocket, origin: 'default', alsoTried: []};
}

/** DOCKER_TLS_VERIFY / DOCKER_TLS with PEM files from DOCKER_CERT_PATH (default: the config dir). */
function dockerEnvTls(env: Record<string, string | undefined>, configDir: string, reader: FileReader): TlsFiles | null {
	const verify = Boolean(env['DOCKER_TLS_VERIFY']);
	if (!verify && !env['DOCKER_TLS']) return null;
	const certDir = env['DOCKER_CERT_PATH'] || configDir;
	const file = (name: string) => {
		const full = path.join(certDir, name);
		return reader.exists(full) ? full : null;
	};
	return {ca: verify ? file('ca.pem') : null, cert: file('cert.pem'), key: file('key.pem'), verify};
}

function discoverPodman({env, engineHost}: DiscoveryInput, reader: FileReader): EngineEndpoint {
	if (engineHost) return parseEngineHost(engineHost, '--engine-host', null);
	if (env['CONTAINER_HOST']) return parseEngineHost(env['CONTAINER_HOST'], 'CONTAINER_HOST', null);
	// Rootless podman listens under XDG_RUNTIME_DIR, rootful podman under /run/podman.
	const candidates = [env['XDG_RUNTIME_DIR'] ? path.join(env['XDG_RUNTIME_DIR'], 'podman', 'podman.sock') : null, rootfulPodmanSocket].filter(
		(candidate): candidate is string => candidate !== null,
	);
	const found = candidates.find(candidate => reader.exists(candidate));
	if (found) return {kind: 'unix', socketPath: found, origin: 'default', alsoTried: []};
	return {kind: 'unix', socketPath: candidates[0]!, origin: 'default', alsoTried: candidates.slice(1)};
}
