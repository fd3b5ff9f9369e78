import {PeelError} from '../errors.js';
import {DIGEST, DIGEST_HEX_LENGTH, DOMAIN, IMAGE_ID, NAME_MAX_LENGTH, PATH, TAG} from './grammar.js';
import {DOCKER_HUB_DOMAIN, apiHostOf, credentialsKeyOf} from './registry-host.js';

/** An image reference normalized the way Docker does (docker.io/library/ubuntu:latest). */
export interface ImageReference {
	/** Registry domain as named, e.g. docker.io, localhost:5000, [fc00::1]:5000. */
	domain: string;
	/** Repository path, e.g. library/ubuntu. */
	path: string;
	/** The tag; null when a digest was given (the digest wins) . */
	tag: string | null;
	digest: string | null;
	/** domain/path */
	name: string;
	/** Host serving the /v2/ API (docker.io → registry-1.docker.io). */
	apiHost: string;
	/** Key of this registry in Docker's config.json (docker.io → https://index.docker.io/v1/). */
	credentialsKey: string;
	/** The tag or digest to ask /v2/NAME/manifests/ for. */
	manifestReference: string;
	/** Fully qualified: docker.io/library/ubuntu:latest */
	full: string;
	/** As Docker prints it: ubuntu:latest */
	familiar: string;
}

const DEFAULT_TAG = 'latest';
const LEGACY_HUB_DOMAIN = 'index.docker.io';

function quote(text: string): string {
	const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
	return JSON.stringify(shown);
}

function invalid(text: string, why: string): PeelError {
	return new PeelError(`invalid image reference ${quote(text)}: ${why}`);
}

/** Docker's splitDockerDomain: decides whether the first component names a registry. */
function splitDomain(text: string): {domain: string; remainder: string} {
	const slash = text.indexOf('/');
	let domain = DOCKER_HUB_DOMAIN;
	let remainder = text;
	if (slash !== -1) {
		const first = text.slice(0, slash);
		if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
			domain = first;
			remainder = text.slice(slash + 1);
		}
	}
	if (domain === LEGACY_HUB_DOMAIN) domain = DOCKER_HUB_DOMAIN;
	if (domain === DOCKER_HUB_DOMAIN && !remainder.includes('/')) remainder = `library/${remainder}`;
	return {domain, remainder};
}

function checkDigest(text: string, digest: string): void {
	const [algorithm = '', hex = ''] = digest.split(':', 2);
	const expected = DIGEST_HEX_LENGTH[algorithm];
	if (!DIGEST.test(digest)) throw invalid(text, `malformed digest ${quote(digest)} (expected e.g. sha256: and 64 hex digits)`);
	if (expected === undefined) throw invalid(text, `unsupported digest algorithm "${algorithm}" (use sha256, sha384 or sha512)`);
	if (hex.length !== expected || !/^[a-f0-9]+$/.test(hex)) {
		throw invalid(text, `malformed digest ${quote(digest)} (${algorithm} needs ${expected} lowercase hex digits)`);
	}
}

function familiarName(domain: string, path: string): string {
	if (domain !== DOCKER_HUB_DOMAIN) return `${domain}/${path}`;
	const rest = path.startsWith('library/') ? path.slice('library/'.length) : path;
	return rest.includes('/') ? path : rest;
}

/**
 * Parses and normalizes a reference exactly like Docker's ParseNormalizedNamed
 * (`ubuntu` → docker.io/library/ubuntu:latest). Throws a one-line PeelError.
 */
export function parseReference(text: string): ImageReference {
	if (text === '') throw new PeelError('empty image reference: name an image, e.g. nginx:1.27');
	if (IMAGE_ID.test(text)) {
		throw new PeelError(
			`${quote(text)} is an image ID, not a repository name: name the image (e.g. nginx:1.27) or read it from the local engine with docker://${text.slice(0, 12)}`,
		);
	}
	const {domain, remainder} = splitDomain(text);

	const at = remainder.indexOf('@');
	const beforeDigest = at === -1 ? remainder : remainder.slice(0, at);
	const digest = at === -1 ? null : remainder.slice(at + 1);
	const colon = beforeDigest.indexOf(':');
	const path = colon === -1 ? beforeDigest : beforeDigest.slice(0, colon);
	const tag = colon === -1 ? null : beforeDigest.slice(colon + 1);

	if (path.toLowerCase() !== path) throw invalid(text, `repository name ${quote(path)} must be lowercase`);
	if (!DOMAIN.test(domain)) throw invalid(text, `malformed registry host ${quote(domain)}`);
	if (!PATH.test(path)) {
		throw invalid(text, 'expected [host[:port]/]name[:tag][@digest] with a lowercase name of letters, digits and . _ - separators, e.g. nginx:1.27');
	}
	if (`${domain}/${path}`.length > NAME_MAX_LENGTH) throw invalid(text, `repository name is longer than ${NAME_MAX_LENGTH} characters`);
	if (tag !== null && !TAG.test(tag)) {
		throw invalid(text, `malformed tag ${quote(tag)} (at most 128 of A-Z a-z 0-9 _ . -, not starting with . or -)`);
	}
	if (digest !== null) checkDigest(text, digest);

	// Docker pulls by digest when both are given: the tag is ignored.
	const finalTag = digest !== null ? null : (tag ?? DEFAULT_TAG);
	const suffix = digest !== null ? `@${digest}` : `:${finalTag}`;
	const name = `${domain}/${path}`;
	return {
		domain,
		path,
		tag: finalTag,
		digest,
		name,
		apiHost: apiHostOf(domain),
		credentialsKey: credentialsKeyOf(domain),
		manifestReference: digest ?? finalTag!,
		full: `${name}${suffix}`,
		familiar: `${familiarName(domain, path)}${suffix}`,
	};
}
