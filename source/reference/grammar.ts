/**
 * Docker's reference grammar (distribution/reference), as regular-expression sources.
 * reference := name [":" tag] ["@" digest];  name := [domain "/"] path
 */

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6Address = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6Address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

export const PATH = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
export const DOMAIN = new RegExp(`^${domainAndPort}$`);
export const TAG = new RegExp(`^${tag}$`);
export const DIGEST = new RegExp(`^${digest}$`);
/** A bare image ID, which Docker refuses as a repository name. */
export const IMAGE_ID = /^[a-f0-9]{64}$/;

/** Names (domain/path) longer than this are refused, as Docker does. */
export const NAME_MAX_LENGTH = 255;

/** Hex lengths of the digest algorithms registries use (go-digest's registered ones). */
export const DIGEST_HEX_LENGTH: Record<string, number> = {sha256: 64, sha384: 96, sha512: 128};
