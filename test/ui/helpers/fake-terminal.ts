import {EventEmitter} from 'node:events';

/** A terminal-sized stdout for Ink: records frames and can be resized. */
export class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	frames: string[] = [];
	writes = 0;

	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write = (data: string, callback?: () => void): boolean => {
		this.writes++;
		this.frames.push(data);
		callback?.();
		return true;
	};

	lastFrame(): string {
		return this.frames.at(-1) ?? '';
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

/** Raw-mode capable stdin for Ink, fed by `press`. */
export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;

	press = (data: string): void => {
		this.data = data;
		this.emit('readable');
	};

	read = (): string | null => {
		const data = this.data;
		this.data = null;
		return data;
	};

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}
