/** Bytes in SI units as dive prints them (go-humanize): 1.2 kB, 34 MB. */
export function humanBytes(bytes: number): string {
	if (bytes < 10) return `${bytes} B`;
	const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
	const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), units.length - 1);
	const value = bytes / 1000 ** exponent;
	return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[exponent]}`;
}

export function percent(ratio: number): string {
	return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(4)} %` : `${ratio} %`;
}
