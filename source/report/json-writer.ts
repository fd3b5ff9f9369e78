import {closeSync, openSync, writeSync} from 'node:fs';

const FLUSH_AT = 1 << 20;

/**
 * Writes JSON as it is produced, so a 300k-file report never exists as one string.
 * Iterables that are not arrays (generators) are written element by element.
 */
export class JsonWriter {
	private buffer = '';

	constructor(private readonly fd: number) {}

	static toFile(path: string): JsonWriter {
		return new JsonWriter(path === '-' ? 1 : openSync(path, 'w'));
	}

	write(value: unknown, indent = ''): void {
		if (value === null || value === undefined || typeof value !== 'object') {
			this.out(value === undefined ? 'null' : JSON.stringify(value));
			return;
		}
		const inner = indent + '  ';
		if (Array.isArray(value) || Symbol.iterator in value) {
			let first = true;
			this.out('[');
			for (const item of value as Iterable<unknown>) {
				this.out(first ? `\n${inner}` : `,\n${inner}`);
				this.write(item, inner);
				first = false;
			}
			this.out(first ? ']' : `\n${indent}]`);
			return;
		}
		const entries = Object.entries(value as Record<string, unknown>);
		if (entries.length === 0) {
			this.out('{}');
			return;
		}
		this.out('{');
		entries.forEach(([key, item], i) => {
			this.out(`${i ? ',' : ''}\n${inner}${JSON.stringify(key)}: `);
			this.write(item, inner);
		});
		this.out(`\n${indent}}`);
	}

	private out(text: string): void {
		this.buffer += text;
		if (this.buffer.length >= FLUSH_AT) this.flush();
	}

	flush(): void {
		if (this.buffer) writeSync(this.fd, this.buffer);
		this.buffer = '';
	}

	close(): void {
		this.out('\n');
		this.flush();
		if (this.fd > 2) closeSync(this.fd);
	}
}
