import {PeelError} from '../../errors.js';
import {escapeText} from '../../text/escape.js';
import {digestProblem} from '../digest.js';

/** What a value is, for "must be …, found …"; strings from the image are escaped and cut. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	switch (typeof value) {
		case 'string':
			return `a string "${escapeText(value, 100)}"`;
		case 'number':
			return `a number (${value})`;
		case 'boolean':
			return `a boolean (${value})`;
		default:
			return 'an object';
	}
}

/** `rootfs` + `diff_ids` → `rootfs.diff_ids`; a map key from the image is quoted and escaped. */
export function fieldPath(path: string, key: string | number, fromImage = false): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	if (fromImage) return `${path}["${escapeText(key, 60)}"]`;
	return path ? `${path}.${key}` : key;
}

/**
 * Checks the shape of one JSON document and names the file and field when it is wrong:
 * `manifest.json: [0].Layers[2] must be a string, found a number (3)`.
 *
 * The rule is what Go's encoding/json accepts into the image-spec structs (what Docker,
 * containerd and skopeo read): unknown fields are ignored, `null` is the same as absent,
 * a value of the wrong type is an error. peel adds the checks Go leaves to later code:
 * sizes are whole, non-negative and exact in a double; digests are ones peel verifies.
 */
export class DocumentChecker {
	constructor(
		/** How messages name the document, e.g. "app.tar: manifest.json". */
		readonly file: string,
	) {}

	fail(path: string, problem: string): never {
		throw new PeelError(`${this.file}: ${path || 'the document'} ${problem} (a malformed image: build, save or push it again)`);
	}

	private wrongType(value: unknown, path: string, wanted: string): never {
		if (value === undefined) this.fail(path, `is missing (it must be ${wanted})`);
		this.fail(path, `must be ${wanted}, found ${describeValue(value)}`);
	}

	object(value: unknown, path: string): Record<string, unknown> {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) this.wrongType(value, path, 'an object');
		return value as Record<string, unknown>;
	}

	optionalObject(value: unknown, path: string): Record<string, unknown> | undefined {
		return value === undefined || value === null ? undefined : this.object(value, path);
	}

	string(value: unknown, path: string): string {
		if (typeof value !== 'string') this.wrongType(value, path, 'a string');
		return value;
	}

	optionalString(value: unknown, path: string): string | undefined {
		return value === undefined || value === null ? undefined : this.string(value, path);
	}

	optionalBoolean(value: unknown, path: string): boolean | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'boolean') this.wrongType(value, path, 'true or false');
		return value;
	}

	/** An array whose items each go through `item` (which gets the item's path). */
	array<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] {
		if (!Array.isArray(value)) this.wrongType(value, path, 'an array');
		const out: T[] = new Array(value.length);
		for (let i = 0; i < value.length; i++) out[i] = item(value[i], fieldPath(path, i));
		return out;
	}

	optionalArray<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] | undefined {
		return value === undefined || value === null ? undefined : this.array(value, path, item);
	}

	optionalStrings(value: unknown, path: string): string[] | undefined {
		return this.optionalArray(value, path, (item, at) => this.string(item, at));
	}

	/** A map with string values (labels, annotations). */
	optionalStringMap(value: unknown, path: string): Record<string, string> | undefined {
		const object = this.optionalObject(value, path);
		if (!object) return undefined;
		for (const [key, item] of Object.entries(object)) {
			if (typeof item !== 'string') this.wrongType(item, fieldPath(path, key, true), 'a string');
		}
		return object as Record<string, string>;
	}

	/** A byte count: whole, not negative, and exact as a JavaScript number (below 2^53). */
	size(value: unknown, path: string): number {
		if (typeof value !== 'number') this.wrongType(value, path, 'a number of bytes');
		if (!Number.isSafeInteger(value) || value < 0) this.fail(path, `must be a whole number of bytes from 0 to 2^53-1, found ${value}`);
		return value;
	}

	/** A digest peel can verify (sha256 or sha512), safe to use as a file name. */
	digest(value: unknown, path: string): string {
		const text = this.string(value, path);
		const problem = digestProblem(text);
		if (problem) this.fail(path, problem);
		return text;
	}
}
