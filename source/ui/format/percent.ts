/** A ratio as a percentage; dive's NaN/Infinity (no user layers) read as "n/a". */
export function formatPercent(ratio: number, digits = 2): string {
	if (!Number.isFinite(ratio)) return 'n/a';
	return `${(ratio * 100).toFixed(digits)} %`;
}
