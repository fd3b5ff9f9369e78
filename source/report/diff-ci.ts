import {diffFigures, type DiffRuleResult} from '../compare/rules.js';
import type {ImageComparison} from '../compare/types.js';
import {formatBytes} from '../text/bytes.js';
import {percent} from './format.js';

/**
 * The compare gate's text: the judged figures, one PASS/FAIL/SKIP line per rule as in
 * the single-image report, and last `verdict: ok` or `verdict: regression reason=RULE,…`.
 */
export function formatDiffCi(comparison: ImageComparison, results: DiffRuleResult[]): {text: string; passed: boolean} {
	const figures = diffFigures(comparison);
	const lines: string[] = [];
	lines.push(`  growthBytes: ${figures.growthBytes} bytes (${figures.growthBytes < 0 ? '-' : ''}${formatBytes(Math.abs(figures.growthBytes))})`);
	lines.push(`  growthPercent: ${percent(figures.growthPercent)}`);
	lines.push(`  pullBytes: ${figures.pullBytes} bytes (${formatBytes(figures.pullBytes)})`);
	lines.push(`  addedFiles: ${figures.addedFiles}`);
	lines.push('Results:');
	for (const result of results) lines.push(`  ${result.status}: ${result.rule}${result.message ? `: ${result.message}` : ''}`);
	const failed = results.filter(r => r.status === 'FAIL').map(r => r.rule);
	lines.push(failed.length === 0 ? 'verdict: ok' : `verdict: regression reason=${failed.join(',')}`);
	return {text: lines.join('\n') + '\n', passed: failed.length === 0};
}
