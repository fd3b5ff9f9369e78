const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** Go's %.0f: round half to even (val has one decimal here, so .5 is exact). */
function roundHalfEven(value: number): number {
	const floor = Math.floor(value);
	const fraction = value - floor;
	if (Math.abs(fraction - 0.5) < 1e-9) return floor % 2 === 0 ? floor : floor + 1;
	return Math.round(value);
}

/**
 * SI sizes exactly as dive prints them (go-humanize's Bytes): "0 B", "999 B", "1.2 kB",
 * "83 MB", and its edge "1000 kB" for 999,960 bytes.
 */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return String(bytes);
	if (bytes < 0) return `-${formatBytes(-bytes)}`;
	const s = Math.floor(bytes);
	if (s < 10) return `${s} B`;
	const e = Math.min(Math.floor(Math.log(s) / Math.log(1000)), units.length - 1);
	const value = Math.floor((s / 1000 ** e) * 10 + 0.5) / 10;
	const text = value < 10 ? value.toFixed(1) : String(roundHalfEven(value));
	return `${text} ${units[e]}`;
}
