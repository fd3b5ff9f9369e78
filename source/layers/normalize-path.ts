/**
 * Normalizes a tar entry name the way extractors do: strips leading `/` and `./`,
 * trailing `/`, empty and `.` components, and folds `..`. Returns null when the
 * name climbs out of the image root (`../x`, `a/../../x`): such an entry must be refused.
 * Returns '' for the root itself (`./`, `/`).
 */
export function normalizeEntryPath(name: string): string | null {
	if (isNormal(name)) return name;
	const parts: string[] = [];
	for (const part of name.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0) return null;
			parts.pop();
			continue;
		}
		parts.push(part);
	}
	return parts.join('/');
}

/** Most names need nothing done: no empty, `.` or `..` component, no leading or trailing `/`. */
function isNormal(name: string): boolean {
	if (name === '' || name.charCodeAt(0) === 47 || name.charCodeAt(name.length - 1) === 47) return false;
	if (name.includes('//')) return false;
	if (!name.includes('.')) return true;
	return !/(^|\/)\.\.?(\/|$)/.test(name);
}
