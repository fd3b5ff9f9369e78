import {DEFAULT_DIFF_THRESHOLDS, DIFF_RULES, type DiffRuleName, type DiffThresholds} from '../compare/rules.js';
import {PeelError} from '../errors.js';
import {escapeText} from '../text/escape.js';
import {parseRule, readCiConfig} from './ci-config.js';

/**
 * The compare gate's thresholds: the `diff:` section of a .dive-ci file (beside dive's
 * `rules:`, same units and "disabled"), then command-line overrides. Every rule is off
 * unless set.
 */
export function loadDiffThresholds(path: string, explicit: boolean, overrides: Partial<Record<DiffRuleName, string>>): DiffThresholds {
	const thresholds: DiffThresholds = {...DEFAULT_DIFF_THRESHOLDS};
	const doc = readCiConfig(path, explicit) as {diff?: unknown} | null | undefined;
	const section = doc?.diff ?? null;
	if (section !== null) {
		if (typeof section !== 'object' || Array.isArray(section)) throw new PeelError(`${path}: "diff:" must hold rules (e.g. highestPullBytes: 50MB), not ${Array.isArray(section) ? 'a list' : 'a single value'}`);
		const rules = section as Record<string, unknown>;
		// A misspelt rule would silently gate nothing.
		const unknown = Object.keys(rules).find(key => !(DIFF_RULES as string[]).includes(key));
		if (unknown !== undefined) throw new PeelError(`${path}: unknown rule "${escapeText(unknown, 60)}" under diff: (known: ${DIFF_RULES.join(', ')})`);
		for (const rule of DIFF_RULES) if (Object.hasOwn(rules, rule)) thresholds[rule] = parseRule(rule, rules[rule], path);
	}
	for (const rule of DIFF_RULES) if (overrides[rule] !== undefined) thresholds[rule] = parseRule(rule, overrides[rule], `--${rule}`);
	return thresholds;
}
