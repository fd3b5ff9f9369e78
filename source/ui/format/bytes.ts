const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** SI sizes the way dive prints them (go-humanize): "0 B", "999 B", "1.2 kB", "83 MB". */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return String(bytes);
	const sign = bytes < 0 ? '-' : '';
	let value = Math.abs(bytes);
	if (value < 1000) return `${sign}${Math.round(value)} B`;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	// Round first so 999.96 kB prints as "1.0 MB", not "1000 kB".
	let text = value < 10 ? value.toFixed(1) : value.toFixed(0);
	if (Number(text) >= 1000 && unit < units.length - 1) {
		unit++;
		text = (Number(text) / 1000).toFixed(1);
	}
	return `${sign}${text} ${units[unit]}`;
}
