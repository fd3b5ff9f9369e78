import type {RuleResult} from '../analysis/ci-rules.js';
import type {ImageComparison} from './types.js';

export type DiffRuleName = 'highestGrowthBytes' | 'highestGrowthPercent' | 'highestPullBytes' | 'highestAddedFiles';

export const DIFF_RULES: DiffRuleName[] = ['highestGrowthBytes', 'highestGrowthPercent', 'highestPullBytes', 'highestAddedFiles'];

/** A threshold, or null when the rule is disabled (all are, unless asked for). */
export type DiffThresholds = Record<DiffRuleName, number | null>;

export const DEFAULT_DIFF_THRESHOLDS: DiffThresholds = {highestGrowthBytes: null, highestGrowthPercent: null, highestPullBytes: null, highestAddedFiles: null};

export type DiffRuleResult = Omit<RuleResult, 'rule'> & {rule: DiffRuleName};

/** The figures the rules judge. */
export function diffFigures(comparison: ImageComparison) {
	const growthBytes = comparison.new.sizeBytes - comparison.old.sizeBytes;
	return {
		growthBytes,
		// A fraction of OLD's size, as dive's highestUserWastedPercent (0.1 = 10 %).
		growthPercent: comparison.old.sizeBytes > 0 ? growthBytes / comparison.old.sizeBytes : growthBytes > 0 ? Infinity : 0,
		pullBytes: comparison.pullBytes,
		addedFiles: comparison.files.filter(f => f.change === 'added' && f.new?.type !== 'dir').length,
	};
}

/** The compare gate: strict comparisons, as dive's rules (equal passes). */
export function evaluateDiffRules(comparison: ImageComparison, thresholds: DiffThresholds): DiffRuleResult[] {
	const figures = diffFigures(comparison);
	const check = (rule: DiffRuleName, value: number, message: (limit: number) => string): DiffRuleResult => {
		const limit = thresholds[rule];
		if (limit === null) return {rule, status: 'SKIP', message: 'rule disabled'};
		return value > limit ? {rule, status: 'FAIL', message: message(limit)} : {rule, status: 'PASS', message: null};
	};
	return [
		check('highestGrowthBytes', figures.growthBytes, limit => `the image grew too much (growth-bytes=${figures.growthBytes} > threshold=${limit})`),
		check('highestGrowthPercent', figures.growthPercent, limit => `the image grew too much, relative to OLD (growth=${figures.growthPercent} > threshold=${limit})`),
		check('highestPullBytes', figures.pullBytes, limit => `pulling NEW over OLD downloads too much (pull-bytes=${figures.pullBytes} > threshold=${limit})`),
		check('highestAddedFiles', figures.addedFiles, limit => `too many files added (added-files=${figures.addedFiles} > threshold=${limit})`),
	];
}
