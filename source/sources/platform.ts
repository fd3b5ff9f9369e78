import os from 'node:os';
import {PeelError} from '../errors.js';
import type {Descriptor, Platform} from './image-handle.js';

/**
 * Normalizes a platform the way containerd does (containerd/platforms normalizeArch):
 * aarch64 → arm64, arm64/v8 → arm64 (v8 is arm64's baseline, so no variant), arm without
 * variant → arm/v7, amd64/v1 → amd64. Every source shows the same text for one manifest.
 */
export function normalizePlatform(p: Platform): Platform {
	const osName = (p.os || 'linux').toLowerCase();
	let arch = (p.architecture || '').toLowerCase();
	let variant = (p.variant ?? '').toLowerCase();
	switch (arch) {
		case 'i386':
			arch = '386';
			variant = '';
			break;
		case 'x86_64':
		case 'x86-64':
		case 'amd64':
			arch = 'amd64';
			if (variant === 'v1') variant = '';
			break;
		case 'aarch64':
		case 'arm64':
			arch = 'arm64';
			if (variant === '8' || variant === 'v8' || variant === 'v8.0') variant = '';
			else if (variant === '9' || variant === '9.0' || variant === 'v9.0') variant = 'v9';
			break;
		case 'armhf':
			arch = 'arm';
			variant = 'v7';
			break;
		case 'armel':
			arch = 'arm';
			variant = 'v6';
			break;
		case 'arm':
			if (variant === '') variant = 'v7';
			else if (/^[5-8]$/.test(variant)) variant = `v${variant}`;
			break;
		default:
			break;
	}
	const result: Platform = {os: osName, architecture: arch};
	if (variant) result.variant = variant;
	return result;
}

/** `os/arch[/variant]` of the normalized platform: the one place platform text is made. */
export function formatPlatform(p: Platform): string {
	const n = normalizePlatform(p);
	return [n.os, n.architecture, n.variant].filter(Boolean).join('/');
}

/** Parses `os/arch[/variant]` (as given to --platform). */
export function parsePlatform(text: string): Platform {
	const parts = text.trim().split('/');
	if (parts.length < 2 || parts.length > 3 || parts.some(part => part === '')) {
		throw new PeelError(`invalid --platform "${text}": expected os/arch[/variant], e.g. linux/amd64 or linux/arm/v7`);
	}
	return normalizePlatform({os: parts[0]!, architecture: parts[1]!, variant: parts[2]});
}

/** linux/<host arch>: the default, even on macOS, since images are Linux images. */
export function hostPlatform(): Platform {
	const archMap: Record<string, string> = {x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', mips64el: 'mips64le'};
	let arch = archMap[process.arch] ?? process.arch;
	if (process.arch === 'ppc64') arch = os.endianness() === 'LE' ? 'ppc64le' : 'ppc64';
	const variables = process.config.variables as unknown as Record<string, unknown>;
	const armVersion = process.arch === 'arm' ? String(variables['arm_version'] ?? '7') : '';
	return normalizePlatform({os: 'linux', architecture: arch, variant: armVersion || undefined});
}

/** The platforms that may run where `want` runs, best first (containerd's fallbacks). */
export function compatiblePlatforms(want: Platform): Platform[] {
	const p = normalizePlatform(want);
	const list: Platform[] = [p];
	const armFrom = (n: number) => {
		for (let v = n; v >= 5; v--) list.push({os: p.os, architecture: 'arm', variant: `v${v}`});
	};
	if (p.architecture === 'arm64' && !p.variant) armFrom(8);
	else if (p.architecture === 'amd64') list.push({os: p.os, architecture: '386'});
	else if (p.architecture === 'arm' && p.variant) armFrom(Number(p.variant.slice(1)) - 1);
	return list;
}

function samePlatform(a: Platform, b: Platform): boolean {
	const x = normalizePlatform(a);
	const y = normalizePlatform(b);
	return x.os === y.os && x.architecture === y.architecture && (x.variant ?? '') === (y.variant ?? '');
}

/** Attestations and other non-image entries of an index (buildkit's provenance, SBOM). */
export function isAttestation(d: Descriptor): boolean {
	return (
		d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
		(d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown')
	);
}

/**
 * Picks the manifest for `want` from an index's entries: the best compatible platform,
 * first entry in index order among equals. Throws a PeelError that lists what exists.
 */
export function selectPlatform<T extends Descriptor>(manifests: T[], want: Platform, where: string, absent: Descriptor[] = []): T {
	const candidates = manifests.filter(d => !isAttestation(d));
	// An index entry without a platform is taken only when it is the only image.
	if (candidates.length === 1 && !candidates[0]!.platform) return candidates[0]!;
	for (const option of compatiblePlatforms(want)) {
		const hit = candidates.find(d => d.platform && samePlatform(d.platform, option));
		if (hit) return hit;
	}
	const names = (list: Descriptor[]) => list.filter(d => d.platform && !isAttestation(d)).map(d => formatPlatform(normalizePlatform(d.platform!)));
	const available = names(candidates);
	const missing = names(absent);
	throw new PeelError(
		`${where} has no image for platform ${formatPlatform(normalizePlatform(want))}; available: ${available.length ? available.join(', ') : 'none'}${missing.length ? ` (listed but not included: ${missing.join(', ')})` : ''}; choose one with --platform`,
	);
}
