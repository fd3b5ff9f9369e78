/** What peel may present to one registry. Never printed; `source` says where it came from. */
export interface Credential {
	username?: string;
	password?: string;
	/** An OAuth2 refresh token (docker login's `identitytoken`, or a helper's `<token>` user). */
	identityToken?: string;
	/** A bearer token to send as is (`registrytoken`). */
	registryToken?: string;
	/** Where it was found, for messages: e.g. "/root/.docker/config.json", "docker-credential-pass". */
	source: string;
}

/** The result of looking for credentials: maybe one, plus notes for a later 401 message. */
export interface CredentialLookup {
	credential: Credential | null;
	/** Why something that looked relevant was not used (helper missing, …). No secrets. */
	notes: string[];
}

export function hasCredential(credential: Credential): boolean {
	return Boolean(credential.registryToken || credential.identityToken || (credential.username && credential.password !== undefined));
}
