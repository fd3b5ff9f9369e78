import type {ImageAnalysis} from './types.js';

export type RuleName = 'lowestEfficiency' | 'highestWastedBytes' | 'highestUserWastedPercent' | 'highestReclaimableBytes';

/** A threshold, or null when the rule is disabled. */
export type RuleThresholds = Record<RuleName, number | null>;

/** dive's defaults; peel's own rule is off unless asked for. */
export const DEFAULT_THRESHOLDS: RuleThresholds = {
	lowestEfficiency: 0.9,
	highestWastedBytes: null,
	highestUserWastedPercent: 0.1,
	highestReclaimableBytes: null,
};

export interface RuleResult {
	rule: RuleName;
	status: 'PASS' | 'FAIL' | 'SKIP';
	message: string | null;
}

/**
 * dive's CI rules on the dive-compatible figures (strict comparisons: equal passes,
 * NaN passes, as in dive), plus peel's highestReclaimableBytes.
 */
export function evaluateRules(analysis: ImageAnalysis, thresholds: RuleThresholds): RuleResult[] {
	const {dive, reclaimable} = analysis;
	const check = (rule: RuleName, failed: (limit: number) => boolean, message: (limit: number) => string): RuleResult => {
		const limit = thresholds[rule];
		if (limit === null) return {rule, status: 'SKIP', message: 'rule disabled'};
		return failed(limit) ? {rule, status: 'FAIL', message: message(limit)} : {rule, status: 'PASS', message: null};
	};
	return [
		check(
			'lowestEfficiency',
			limit => dive.efficiency < limit,
			limit => `image efficiency is too low (efficiency=${dive.efficiency} < threshold=${limit})`,
		),
		check(
			'highestWastedBytes',
			limit => dive.wastedBytes > limit,
			limit => `too many bytes wasted (wasted-bytes=${dive.wastedBytes} > threshold=${limit})`,
		),
		check(
			'highestUserWastedPercent',
			limit => dive.userWastedPercent > limit,
			limit => `too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=${dive.userWastedPercent} > threshold=${limit})`,
		),
		check(
			'highestReclaimableBytes',
			limit => reclaimable.totalBytes > limit,
			limit => `too many bytes stored that the final image cannot see (reclaimable-bytes=${reclaimable.totalBytes} > threshold=${limit})`,
		),
	];
}
