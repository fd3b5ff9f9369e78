/** Where an engine's API is reached, and how we came to choose it (for error messages). */
export type EngineEndpoint = UnixEndpoint | TcpEndpoint;

export interface UnixEndpoint {
	kind: 'unix';
	socketPath: string;
	/** What chose this endpoint, e.g. `DOCKER_HOST`, `context "colima"`, `default`. */
	origin: string;
	/** Other default sockets that were looked for and are missing (podman's rootless/rootful pair). */
	alsoTried: string[];
}

export interface TcpEndpoint {
	kind: 'tcp';
	host: string;
	port: number;
	origin: string;
	tls: TlsFiles | null;
}

/** PEM files for a TLS connection; null entries are not used. */
export interface TlsFiles {
	ca: string | null;
	cert: string | null;
	key: string | null;
	/** Verify the server certificate (DOCKER_TLS_VERIFY, or a context without SkipTLSVerify). */
	verify: boolean;
}

/** `unix:///run/x.sock` or `tcp://host:2375` / `https://host:2376`, as a user would write it. */
export function endpointUrl(endpoint: EngineEndpoint): string {
	if (endpoint.kind === 'unix') return `unix://${endpoint.socketPath}`;
	const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
	return `${endpoint.tls ? 'https' : 'tcp'}://${host}:${endpoint.port}`;
}
