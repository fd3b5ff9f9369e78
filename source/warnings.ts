/**
 * Warnings about input an image controls: the first few are kept, the rest only counted.
 * A layer of a million odd entries must not hold (or print) a million strings.
 */
export class WarningList {
	private readonly kept: string[] = [];
	private dropped = 0;

	constructor(
		/** Names what the dropped ones were about, e.g. "layer 3 (sha256:ab…)". */
		private readonly subject: string,
		private readonly limit = 20,
	) {}

	add(message: string): void {
		if (this.kept.length < this.limit) this.kept.push(message);
		else this.dropped++;
	}

	toArray(): string[] {
		if (this.dropped === 0) return [...this.kept];
		return [...this.kept, `${this.subject}: ${this.dropped.toLocaleString('en-US')} more warnings like these`];
	}
}
