import {isDeepStrictEqual} from 'node:util';
import type {ConfigDifference} from '../../compare/types.js';
import {shownValue} from '../../report/diff-text.js';
import {escapeText} from '../../text/escape.js';

export interface ConfigLine {
	kind: 'field' | 'old' | 'new';
	text: string;
}

/** Fields whose values are sets: a change is told by the entries that differ (one Env variable, one label), not the whole list. */
const SET_FIELDS = new Set(['Env', 'Labels', 'ExposedPorts', 'Volumes']);

function entries(value: unknown): Map<string, unknown> | null {
	if (Array.isArray(value)) return new Map(value.map(item => [JSON.stringify(item), item]));
	if (value && typeof value === 'object') return new Map(Object.entries(value as Record<string, unknown>));
	return null;
}

function entryText(key: string, value: unknown, isArray: boolean): string {
	if (isArray) return typeof value === 'string' ? escapeText(value, 200) : shownValue(value);
	return `${escapeText(key, 100)}${value !== null && typeof value === 'object' && Object.keys(value).length === 0 ? '' : `=${typeof value === 'string' ? escapeText(value, 200) : shownValue(value)}`}`;
}

/**
 * The config difference as lines: per field its name, then − OLD and + NEW. Env, Labels,
 * ExposedPorts and Volumes list only the entries that differ ("− APP_VERSION=1.0");
 * the rest (Cmd, Entrypoint: order matters) their whole values. Everything from the
 * image is escaped.
 */
export function configDiffLines(config: Record<string, ConfigDifference>): ConfigLine[] {
	const lines: ConfigLine[] = [];
	for (const [field, {old, new: next}] of Object.entries(config)) {
		lines.push({kind: 'field', text: escapeText(field, 100)});
		const a = SET_FIELDS.has(field) ? entries(old) : null;
		const b = SET_FIELDS.has(field) ? entries(next) : null;
		const isArray = Array.isArray(old) || Array.isArray(next);
		if (a && b && Array.isArray(old) === Array.isArray(next)) {
			const before = lines.length;
			for (const [key, value] of a) if (!b.has(key) || !isDeepStrictEqual(b.get(key), value)) lines.push({kind: 'old', text: `  − ${entryText(key, value, isArray)}`});
			for (const [key, value] of b) if (!a.has(key) || !isDeepStrictEqual(a.get(key), value)) lines.push({kind: 'new', text: `  + ${entryText(key, value, isArray)}`});
			// The same entries in another order: only the order changed.
			if (lines.length > before) continue;
		}
		lines.push({kind: 'old', text: `  − ${shownValue(old)}`}, {kind: 'new', text: `  + ${shownValue(next)}`});
	}
	return lines;
}
