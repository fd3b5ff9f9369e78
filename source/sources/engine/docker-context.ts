import {createHash} from 'node:crypto';
import path from 'node:path';
import {PeelError} from '../../errors.js';
import type {EngineEndpoint, TlsFiles} from './engine-endpoint.js';
import type {FileReader} from './file-reader.js';
import {parseEngineHost} from './parse-engine-host.js';

/** The docker CLI's config directory: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: Record<string, string | undefined>, homeDir: string): string {
	return env['DOCKER_CONFIG'] || path.join(homeDir, '.docker');
}

/** `currentContext` from config.json, or null when there is none. */
export function currentContextName(configDir: string, reader: FileReader): string | null {
	const file = path.join(configDir, 'config.json');
	const text = reader.readText(file);
	if (text === null) return null;
	let config: unknown;
	try {
		config = JSON.parse(text);
	} catch {
		throw new PeelError(`${file} is not valid JSON; fix it or set DOCKER_HOST to choose the engine`);
	}
	const name = (config as {currentContext?: unknown} | null)?.currentContext;
	return typeof name === 'string' && name !== '' ? name : null;
}

/**
 * The endpoint of a named docker context, read from the CLI's context store:
 * contexts/meta/SHA256(NAME)/meta.json → Endpoints.docker.Host, TLS files under contexts/tls/.
 */
export function contextEndpoint(name: string, origin: string, configDir: string, reader: FileReader): EngineEndpoint {
	const id = createHash('sha256').update(name).digest('hex');
	const metaFile = path.join(configDir, 'contexts', 'meta', id, 'meta.json');
	const text = reader.readText(metaFile);
	if (text === null) {
		throw new PeelError(`docker context "${name}" (${origin}) does not exist (no ${metaFile}); pick another with "docker context use" or set DOCKER_HOST`);
	}
	let meta: {Endpoints?: {docker?: {Host?: unknown; SkipTLSVerify?: unknown}}};
	try {
		meta = JSON.parse(text) as typeof meta;
	} catch {
		throw new PeelError(`docker context "${name}" has an unreadable ${metaFile} (not valid JSON)`);
	}
	const endpoint = meta?.Endpoints?.docker;
	if (typeof endpoint?.Host !== 'string' || endpoint.Host === '') {
		throw new PeelError(`docker context "${name}" (${origin}) has no docker endpoint host in ${metaFile}`);
	}
	const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
	return parseEngineHost(endpoint.Host, `docker context "${name}"`, contextTls(tlsDir, endpoint.SkipTLSVerify === true, reader));
}

function contextTls(tlsDir: string, skipVerify: boolean, reader: FileReader): TlsFiles | null {
	const file = (name: string) => {
		const full = path.join(tlsDir, name);
		return reader.exists(full) ? full : null;
	};
	const tls = {ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), verify: !skipVerify};
	return tls.ca || tls.cert || tls.key ? tls : null;
}
