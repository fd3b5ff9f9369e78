export function percent(ratio: number): string {
	return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(4)} %` : `${ratio} %`;
}
