/**
 * A long list of records of one shape, written row by row with a formatter made for that
 * shape: the text is exactly JSON.stringify(record, null, 2) at the list's depth, without
 * the generic serializer's cost per row.
 */
export class JsonRows<T> {
	private prefixes: string[] = [];
	private suffix = '';
	private indent: string | null = null;

	constructor(
		readonly items: Iterable<T>,
		/** The record to write for an item; its keys must be `keys`, in that order. */
		readonly record: (item: T) => Record<string, unknown>,
		private readonly keys: readonly string[],
	) {}

	/** The item's text at `indent`; null when its record holds more than plain values. */
	format(item: T, indent: string): string | null {
		const record = this.record(item);
		if (indent !== this.indent) this.prepare(indent);
		let text = '';
		for (let i = 0; i < this.keys.length; i++) {
			const value = record[this.keys[i]!];
			let json: string;
			switch (typeof value) {
				case 'string':
					json = JSON.stringify(value);
					break;
				case 'number':
					json = Number.isFinite(value) ? `${value}` : 'null';
					break;
				case 'boolean':
					json = value ? 'true' : 'false';
					break;
				default:
					if (value !== null) return null;
					json = 'null';
			}
			text += this.prefixes[i]! + json;
		}
		return text + this.suffix;
	}

	private prepare(indent: string): void {
		const inner = indent + '  ';
		this.prefixes = this.keys.map((key, i) => `${i === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
		this.suffix = `\n${indent}}`;
		this.indent = indent;
	}

	[Symbol.iterator](): Iterator<T> {
		return this.items[Symbol.iterator]();
	}
}
