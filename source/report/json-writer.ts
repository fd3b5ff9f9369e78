import {closeSync, openSync, writeSync} from 'node:fs';
import {flat, JsonRows} from './json-rows.js';

// Small: text waiting to be written survives garbage collections, and copying it costs.
const FLUSH_AT = 1 << 16;

/**
 * Writes JSON as it is produced, so a 300k-file report never exists as one string.
 * Iterables that are not arrays (generators) are written element by element, JsonRows
 * row by row; the text is exactly JSON.stringify(value, null, 2)'s.
 */
export class JsonWriter {
	private text = '';

	constructor(private readonly fd: number) {}

	static toFile(path: string): JsonWriter {
		return new JsonWriter(path === '-' ? 1 : openSync(path, 'w'));
	}

	write(value: unknown, indent = ''): void {
		if (value instanceof JsonRows) {
			this.writeRows(value as JsonRows<unknown>, indent);
			return;
		}
		const flat = flatRecord(value, indent);
		if (flat !== null) {
			this.out(flat);
			return;
		}
		// Long arrays item by item too: one big string of them would sit in memory until a full collection.
		if (!containsLazy(value) && !(Array.isArray(value) && value.length > 64)) {
			// Plain data: the native serializer, re-indented to sit at this depth.
			const text = JSON.stringify(value ?? null, null, 2);
			this.out(indent ? text.replace(/\n/g, `\n${indent}`) : text);
			return;
		}
		const inner = indent + '  ';
		if (isList(value)) {
			let first = true;
			this.out('[');
			for (const item of value as Iterable<unknown>) {
				this.out(first ? `\n${inner}` : `,\n${inner}`);
				// As JSON.stringify writes them in arrays.
				this.write(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, inner);
				first = false;
			}
			this.out(first ? ']' : `\n${indent}]`);
			return;
		}
		const entries = Object.entries(value as Record<string, unknown>);
		this.out('{');
		entries.forEach(([key, item], i) => {
			this.out(`${i ? ',' : ''}\n${inner}${JSON.stringify(key)}: `);
			this.write(item, inner);
		});
		this.out(`\n${indent}}`);
	}

	private writeRows(rows: JsonRows<unknown>, indent: string): void {
		const inner = indent + '  ';
		const first = flat(`\n${inner}`);
		const next = flat(`,\n${inner}`);
		const frame = rows.frame(inner);
		let count = 0;
		this.out('[');
		for (const item of rows.items) {
			this.out((count++ === 0 ? first : next) + rows.format(item, frame));
		}
		this.out(count === 0 ? ']' : `\n${indent}]`);
	}

	private out(text: string): void {
		this.text += text;
		if (this.text.length >= FLUSH_AT) this.flush();
	}

	flush(): void {
		if (this.text) writeSync(this.fd, this.text);
		this.text = '';
	}

	close(): void {
		this.out('\n');
		this.flush();
		if (this.fd > 2) closeSync(this.fd);
	}
}

function isList(value: unknown): boolean {
	return typeof value === 'object' && value !== null && (Array.isArray(value) || Symbol.iterator in value);
}

/** Whether a generator (written lazily) hides inside; small plain values are checked shallowly fast. */
function containsLazy(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	if (value instanceof JsonRows) return true;
	if (!Array.isArray(value) && Symbol.iterator in value) return true;
	const children = Array.isArray(value) ? value : Object.values(value);
	return children.some(child => typeof child === 'object' && child !== null && containsLazy(child));
}

const quotedKeys = new Map<string, string>();

/**
 * An object of plain values (the rows of the long lists), formatted by hand exactly as
 * JSON.stringify(value, null, 2) would at this depth; null for anything else.
 */
function flatRecord(value: unknown, indent: string): string | null {
	if (typeof value !== 'object' || value === null) return null;
	// Plain objects only: a Date, a Map or a class instance is no bag of own plain values.
	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return null;
	const inner = indent + '  ';
	let text = '';
	for (const key in value) {
		if (!Object.hasOwn(value, key) || key === 'toJSON') return null;
		const item = (value as Record<string, unknown>)[key];
		let json: string;
		switch (typeof item) {
			case 'string':
				json = JSON.stringify(item);
				break;
			case 'number':
				json = Number.isFinite(item) ? String(item) : 'null';
				break;
			case 'boolean':
				json = item ? 'true' : 'false';
				break;
			case 'undefined':
			case 'function':
			case 'symbol':
				continue; // JSON leaves these out of objects
			default:
				if (item !== null) return null;
				json = 'null';
		}
		let quoted = quotedKeys.get(key);
		if (quoted === undefined) {
			quoted = JSON.stringify(key);
			if (quotedKeys.size < 1000) quotedKeys.set(key, quoted);
		}
		text += `${text ? ',' : ''}\n${inner}${quoted}: ${json}`;
	}
	return text ? `{${text}\n${indent}}` : '{}';
}
