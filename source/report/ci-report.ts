import type {RuleResult} from '../analysis/ci-rules.js';
import type {ImageAnalysis} from '../analysis/types.js';
import {formatBytes} from '../text/bytes.js';
import {escapeText, oneLine} from '../text/escape.js';
import {percent} from './format.js';

const MAX_ROWS = 20;
/** Paths are the image's: escaped, and cut so that one row stays one readable line. */
const PATH_SHOWN = 500;

/** dive's CI output (figures, inefficient files, rule lines, result line), plus peel's reclaimable bytes. */
export function formatCiReport(analysis: ImageAnalysis, results: RuleResult[]): {text: string; passed: boolean} {
	const {dive, reclaimable} = analysis;
	const lines: string[] = [];
	lines.push(`  efficiency: ${percent(dive.efficiency)}`);
	lines.push(`  wastedBytes: ${dive.wastedBytes} bytes (${formatBytes(dive.wastedBytes)})`);
	lines.push(`  userWastedPercent: ${percent(dive.userWastedPercent)}`);
	lines.push(`  reclaimableBytes: ${reclaimable.totalBytes} bytes (${formatBytes(reclaimable.totalBytes)})`);
	lines.push('Inefficient Files:');
	lines.push('Count  Wasted Space  File Path');
	for (const file of dive.inefficientFiles.slice(0, MAX_ROWS)) {
		lines.push(`${String(file.count).padStart(5)}  ${formatBytes(file.cumulativeSize).padStart(12)}  ${escapeText(file.path, PATH_SHOWN)}`);
	}
	if (dive.inefficientFiles.length > MAX_ROWS) lines.push(`  … and ${dive.inefficientFiles.length - MAX_ROWS} more`);
	if (reclaimable.items.length > 0) {
		lines.push('Reclaimable (stored, but hidden in the final image):');
		for (const item of reclaimable.items.slice(0, MAX_ROWS)) {
			lines.push(`${formatBytes(item.bytes).padStart(10)}  layer ${item.layer} → ${item.reason} in layer ${item.hiddenBy}  ${escapeText(item.path, PATH_SHOWN)}`);
		}
	}
	lines.push('Results:');
	for (const result of results) lines.push(`  ${result.status}: ${result.rule}${result.message ? `: ${oneLine(result.message)}` : ''}`);
	const failed = results.filter(r => r.status === 'FAIL').length;
	const passedCount = results.filter(r => r.status === 'PASS').length;
	const skipped = results.filter(r => r.status === 'SKIP').length;
	const passed = failed === 0;
	lines.push(`Result:${passed ? 'PASS' : 'FAIL'} [Total:${results.length}] [Passed:${passedCount}] [Failed:${failed}] [Warn:0] [Skipped:${skipped}]`);
	return {text: lines.join('\n') + '\n', passed};
}
