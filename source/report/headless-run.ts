import {evaluateRules, type RuleThresholds} from '../analysis/ci-rules.js';
import type {AnalysisCache} from '../cache/analysis-cache.js';
import {imageFingerprint} from '../cache/image-fingerprint.js';
import type {ImageRecord} from '../cache/image-record.js';
import {loadImage} from '../load/load-image.js';
import type {ImageHandle} from '../sources/image-handle.js';
import {formatCiReport} from './ci-report.js';
import {buildJsonReport} from './json-report.js';
import {refuseInputOverwrite, type JsonTarget} from './json-target.js';
import {JsonWriter} from './json-writer.js';
import {stderrProgress} from './stderr-progress.js';
import {writeJsonChunks, writeJsonReport} from './write-json-report.js';

export interface HeadlessRun {
	jsonPath: string | undefined;
	jsonTarget: JsonTarget | null;
	thresholds: RuleThresholds | null;
	cache: AnalysisCache | null;
}

/**
 * `--json` and `--ci`: the report and the rules' verdict. An image analysed before (same
 * fingerprint, same peel) is answered from the cache without reading a layer; otherwise
 * layers come from the cache where they can, and the result is stored for next time. The
 * report goes to the cache's file first and is copied from there, in chunks: it is the
 * same bytes either way and never one big Buffer.
 */
export async function runHeadless(handle: ImageHandle, run: HeadlessRun): Promise<number> {
	const {jsonPath, jsonTarget, thresholds, cache} = run;
	const fingerprint = cache ? imageFingerprint(handle) : null;
	const about = handle.reference;
	const record = fingerprint ? cache!.readImage<ImageRecord>(fingerprint, about) : null;
	// A stored report is checked whole before the target is touched: a bad one is never half-copied.
	const usable = record !== null && (!jsonPath || (record.reportBytes !== null && cache!.readReport(fingerprint!, about, () => {})));
	if (usable) {
		if (jsonTarget) refuseInputOverwrite(jsonTarget, handle.inputFiles?.() ?? []);
		if (jsonPath) copyReport(jsonPath, jsonTarget, cache!, fingerprint!, about);
		return verdict(record.analysis, thresholds, jsonPath);
	}
	const progress = stderrProgress();
	try {
		const image = await loadImage(handle, {onProgress: progress.update, cache});
		progress.done();
		if (jsonTarget) refuseInputOverwrite(jsonTarget, handle.inputFiles?.() ?? []);
		let reportBytes: number | null = null;
		if (jsonPath && fingerprint) {
			const report = buildJsonReport(image);
			reportBytes = cache!.writeReport(fingerprint, about, fd => {
				const writer = new JsonWriter(fd);
				writer.write(report);
				writer.end();
			});
			if (reportBytes === null || !cache!.readReport(fingerprint, about, () => {})) {
				writeJsonReport(jsonPath, jsonTarget, report);
				reportBytes = null;
			} else copyReport(jsonPath, jsonTarget, cache!, fingerprint, about);
		} else if (jsonPath) writeJsonReport(jsonPath, jsonTarget, buildJsonReport(image));
		if (fingerprint) cache!.writeImage(fingerprint, about, {analysis: image.analysis, reportBytes} satisfies ImageRecord);
		return verdict(image.analysis, thresholds, jsonPath);
	} finally {
		progress.done();
	}
}

function copyReport(jsonPath: string, jsonTarget: JsonTarget | null, cache: AnalysisCache, fingerprint: string, about: string): void {
	writeJsonChunks(jsonPath, jsonTarget, take => {
		if (!cache.readReport(fingerprint, about, take)) throw new Error('the cached report changed while it was copied');
	});
}

function verdict(analysis: ImageRecord['analysis'], thresholds: RuleThresholds | null, jsonPath: string | undefined): number {
	if (!thresholds) return 0;
	const {text, passed} = formatCiReport(analysis, evaluateRules(analysis, thresholds));
	(jsonPath === '-' ? process.stderr : process.stdout).write(text);
	return passed ? 0 : 1;
}
