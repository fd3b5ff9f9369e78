import {PeelError} from '../../errors.js';
import {endpointUrl, type EngineEndpoint} from './engine-endpoint.js';
import type {EngineKind} from './discover-engine.js';

/** Error codes of the engine client's own timeouts. */
export const timeoutCodes = {connect: 'ENGINE_CONNECT_TIMEOUT', headers: 'ENGINE_HEADERS_TIMEOUT', body: 'ENGINE_BODY_TIMEOUT'} as const;

/** The first `code` found on an error or its causes. */
export function errorCode(error: unknown): string | undefined {
	for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as {cause?: unknown}).cause, depth++) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string') return code;
	}
	return undefined;
}

function where(endpoint: EngineEndpoint): string {
	return endpoint.origin === 'default' ? 'the default' : `from ${endpoint.origin}`;
}

function startHint(engine: EngineKind): string {
	return engine === 'docker'
		? 'start Docker, or point DOCKER_HOST or --engine-host at its socket'
		: 'start it with "systemctl --user start podman.socket" or "podman system service --time=0", or point CONTAINER_HOST or --engine-host at its socket';
}

/** Turns a failure to reach the engine into one line naming the socket and what to do. */
export function connectionError(engine: EngineKind, endpoint: EngineEndpoint, error: unknown): PeelError {
	const code = errorCode(error);
	const url = endpointUrl(endpoint);
	if (endpoint.kind === 'unix') {
		const socket = endpoint.socketPath;
		if (code === 'ENOENT') {
			const tried = [socket, ...endpoint.alsoTried].join(' or ');
			return new PeelError(`no ${engine} engine socket at ${tried} (${where(endpoint)}); is ${engine} running? ${capitalize(startHint(engine))}`);
		}
		if (code === 'ECONNREFUSED') {
			return new PeelError(`the ${engine} engine is not running: nothing listens on ${socket} (${where(endpoint)}); ${startHint(engine)}`);
		}
		if (code === 'EACCES' || code === 'EPERM') {
			const fix =
				engine === 'docker'
					? 'add your user to the "docker" group (then log in again) or run peel with sudo'
					: 'use your own rootless socket ($XDG_RUNTIME_DIR/podman/podman.sock) or run peel with sudo';
			return new PeelError(`permission denied on the ${engine} socket ${socket} (${where(endpoint)}); ${fix}`);
		}
		if (code === 'ENOTSOCK' || code === 'ENOTDIR') {
			return new PeelError(`${socket} is not a socket (${where(endpoint)}); point ${engine === 'docker' ? 'DOCKER_HOST' : 'CONTAINER_HOST'} or --engine-host at the ${engine} engine's socket`);
		}
	}
	if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
		return new PeelError(`TLS connection to the ${engine} engine at ${url} (${where(endpoint)}) failed: ${messageOf(error)}; check DOCKER_TLS_VERIFY and the PEM files in DOCKER_CERT_PATH`);
	}
	if (code === timeoutCodes.headers || code === timeoutCodes.connect) {
		return new PeelError(`the ${engine} engine at ${url} (${where(endpoint)}) did not answer in time; is it running and healthy?`);
	}
	return new PeelError(`cannot reach the ${engine} engine at ${url} (${where(endpoint)}): ${code ?? messageOf(error)}; ${startHint(engine)}`);
}

function messageOf(error: unknown): string {
	let message = error instanceof Error ? error.message : String(error);
	const cause = (error as {cause?: unknown}).cause;
	if (cause instanceof Error && cause.message && cause.message !== message) message += ` (${cause.message})`;
	return message;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
