import {readFileSync} from 'node:fs';
import YAML from 'yaml';
import {DEFAULT_THRESHOLDS, type RuleName, type RuleThresholds} from '../analysis/ci-rules.js';
import {PeelError} from '../errors.js';

const BYTE_UNITS: Record<string, number> = {
	'': 1,
	b: 1,
	k: 1e3,
	kb: 1e3,
	ki: 2 ** 10,
	kib: 2 ** 10,
	m: 1e6,
	mb: 1e6,
	mi: 2 ** 20,
	mib: 2 ** 20,
	g: 1e9,
	gb: 1e9,
	gi: 2 ** 30,
	gib: 2 ** 30,
	t: 1e12,
	tb: 1e12,
	ti: 2 ** 40,
	tib: 2 ** 40,
};

const DISABLED = new Set(['disabled', 'off', 'false', '']);

/** go-humanize's ParseBytes, as dive reads highestWastedBytes: "20MB" = 20,000,000, "1MiB" = 1,048,576. */
export function parseBytes(text: string): number | null {
	const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)\s*$/i.exec(text);
	if (!match) return null;
	const unit = BYTE_UNITS[match[2]!.toLowerCase()];
	return unit === undefined ? null : Math.floor(Number(match[1]) * unit);
}

/** A rule's threshold: bytes (SI units) for a rule named …Bytes, else a number; null when disabled. */
export function parseRule(rule: string, value: unknown, where: string): number | null {
	if (value === null || value === undefined) return null;
	const text = String(value).trim();
	if (DISABLED.has(text.toLowerCase())) return null;
	const number = rule.endsWith('Bytes') ? parseBytes(text) : Number(text);
	if (number === null || !Number.isFinite(number)) throw new PeelError(`${where}: ${rule} "${text}" is not a valid value (a number${rule.endsWith('Bytes') ? ' of bytes like 20MB' : ''}, or "disabled")`);
	return number;
}

/** The parsed .dive-ci file; undefined when the default file is absent (a missing file the user named is an error). */
export function readCiConfig(path: string, explicit: boolean): unknown {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if (explicit || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw new PeelError(`cannot read CI config ${path}: ${(error as Error).message}`);
		return undefined;
	}
	try {
		return YAML.parse(text);
	} catch (error) {
		throw new PeelError(`CI config ${path} is not valid YAML (${(error as Error).message.split('\n')[0]})`);
	}
}

const RULES: RuleName[] = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent', 'highestReclaimableBytes'];

/**
 * Thresholds from a .dive-ci file (dive's format), then command-line overrides.
 * A missing default file is fine; a missing file the user named is an error.
 */
export function loadThresholds(path: string, explicit: boolean, overrides: Partial<Record<RuleName, string>>): RuleThresholds {
	const thresholds: RuleThresholds = {...DEFAULT_THRESHOLDS};
	const doc = readCiConfig(path, explicit);
	if (doc !== undefined) {
		const rules = (doc as {rules?: Record<string, unknown>} | null)?.rules ?? {};
		for (const rule of RULES) if (rule in rules) thresholds[rule] = parseRule(rule, rules[rule], path);
	}
	for (const rule of RULES) if (overrides[rule] !== undefined) thresholds[rule] = parseRule(rule, overrides[rule], `--${rule}`);
	return thresholds;
}
