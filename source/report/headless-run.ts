import {evaluateRules, type RuleThresholds} from '../analysis/ci-rules.js';
import type {AnalysisCache} from '../cache/analysis-cache.js';
import {imageFingerprint} from '../cache/image-fingerprint.js';
import {renderJson, type ImageRecord} from '../cache/image-record.js';
import {loadImage} from '../load/load-image.js';
import type {ImageHandle} from '../sources/image-handle.js';
import {formatCiReport} from './ci-report.js';
import {buildJsonReport} from './json-report.js';
import {refuseInputOverwrite, type JsonTarget} from './json-target.js';
import {stderrProgress} from './stderr-progress.js';
import {writeJsonBytes, writeJsonReport} from './write-json-report.js';

export interface HeadlessRun {
	jsonPath: string | undefined;
	jsonTarget: JsonTarget | null;
	thresholds: RuleThresholds | null;
	cache: AnalysisCache | null;
}

/**
 * `--json` and `--ci`: the report and the rules' verdict. An image analysed before (same
 * fingerprint, same peel) is answered from the cache without reading a layer; otherwise
 * layers come from the cache where they can, and the result is stored for next time.
 */
export async function runHeadless(handle: ImageHandle, run: HeadlessRun): Promise<number> {
	const {jsonPath, jsonTarget, thresholds, cache} = run;
	const fingerprint = cache ? imageFingerprint(handle) : null;
	const record = fingerprint ? cache!.readImage<ImageRecord>(fingerprint, handle.reference) : null;
	if (record && (!jsonPath || record.report)) {
		if (jsonTarget) refuseInputOverwrite(jsonTarget, handle.inputFiles?.() ?? []);
		if (jsonPath) writeJsonBytes(jsonPath, jsonTarget, record.report!);
		return verdict(record.analysis, thresholds, jsonPath);
	}
	const progress = stderrProgress();
	try {
		const image = await loadImage(handle, {onProgress: progress.update, cache});
		progress.done();
		if (jsonTarget) refuseInputOverwrite(jsonTarget, handle.inputFiles?.() ?? []);
		let report: Buffer | null = null;
		if (jsonPath && cache) {
			report = renderJson(buildJsonReport(image), cache.dir);
			writeJsonBytes(jsonPath, jsonTarget, report);
		} else if (jsonPath) writeJsonReport(jsonPath, jsonTarget, buildJsonReport(image));
		if (fingerprint) cache!.writeImage(fingerprint, handle.reference, {analysis: image.analysis, report} satisfies ImageRecord);
		return verdict(image.analysis, thresholds, jsonPath);
	} finally {
		progress.done();
	}
}

function verdict(analysis: ImageRecord['analysis'], thresholds: RuleThresholds | null, jsonPath: string | undefined): number {
	if (!thresholds) return 0;
	const {text, passed} = formatCiReport(analysis, evaluateRules(analysis, thresholds));
	(jsonPath === '-' ? process.stderr : process.stdout).write(text);
	return passed ? 0 : 1;
}
