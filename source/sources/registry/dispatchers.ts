import {Agent, type Dispatcher} from 'undici';

/**
 * The connection pools of one opened image. TLS uses Node's default trust store, which
 * includes NODE_EXTRA_CA_CERTS: no `ca` option is ever passed. Verification is skipped
 * only for a registry the user listed as insecure, never for hosts it redirects to.
 */
export class Dispatchers {
	private readonly verified = new Agent({connect: {timeout: 15_000}, headersTimeout: 60_000, bodyTimeout: 60_000});
	private unverified: Agent | null = null;
	private closed = false;
	private readonly insecureOrigins = new Set<string>();

	/** Marks an https origin (e.g. https://host:5000) as reached without certificate checks. */
	skipVerificationFor(origin: string): void {
		this.insecureOrigins.add(origin);
	}

	for(url: URL): Dispatcher {
		if (url.protocol === 'https:' && this.insecureOrigins.has(url.origin)) {
			this.unverified ??= new Agent({
				connect: {timeout: 15_000, rejectUnauthorized: false},
				headersTimeout: 60_000,
				bodyTimeout: 60_000,
			});
			return this.unverified;
		}
		return this.verified;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		// destroy() rather than close(): streams the caller abandoned must not keep us waiting.
		await Promise.all([this.verified.destroy(), this.unverified?.destroy()]);
	}
}
