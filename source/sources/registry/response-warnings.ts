import type {IncomingHttpHeaders} from 'node:http';
import {headerValues} from './http-request.js';
import {oneLine} from './registry-errors.js';

/**
 * Collects what registries say on the side: `Warning` headers (deprecations, quotas) and
 * Docker Hub's rate-limit headers. Appends to the handle's `warnings`, without duplicates.
 */
export class ResponseWarnings {
	private rateLimitIndex = -1;

	constructor(
		readonly list: string[],
		private readonly host: string,
	) {}

	add(text: string): void {
		if (!this.list.includes(text)) this.list.push(text);
	}

	collect(headers: IncomingHttpHeaders): void {
		for (const value of headerValues(headers, 'warning')) {
			// Warning: 299 - "text" (RFC 7234); registries send code 299.
			const match = /^\s*\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/.exec(value);
			this.add(`registry ${this.host} warns: ${oneLine(match ? match[1]!.replace(/\\(.)/g, '$1') : value)}`);
		}
		const limit = headerValues(headers, 'ratelimit-limit')[0];
		const remaining = headerValues(headers, 'ratelimit-remaining')[0];
		if (limit !== undefined && remaining !== undefined) {
			const text = `registry ${this.host} pull rate limit: ${remaining.split(';')[0]!.trim()} of ${describeQuota(limit)} left`;
			// One rate-limit line, the latest.
			if (this.rateLimitIndex === -1) {
				this.rateLimitIndex = this.list.length;
				this.list.push(text);
			} else this.list[this.rateLimitIndex] = text;
		}
	}
}

/** "100;w=21600" → "100 per 6 h" */
function describeQuota(value: string): string {
	const [count = '', ...params] = value.split(';').map(part => part.trim());
	const window = params.find(param => param.startsWith('w='));
	const seconds = window ? Number(window.slice(2)) : NaN;
	if (!Number.isFinite(seconds) || seconds <= 0) return count;
	const span = seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
	return `${count} per ${span}`;
}
