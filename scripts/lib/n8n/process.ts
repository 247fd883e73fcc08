import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

import type { N8nRuntime } from './runtime';

export interface N8nProcessOptions {
	runtime: N8nRuntime;
	env: Record<string, string>;
	baseUrl: string;
	logFile: string;
	/** Strings that must never appear in anything we print (API key, access keys). */
	secrets: () => string[];
	/** n8n's command and its flags; default `start` (queue mode adds `worker --concurrency=N`, `webhook`). */
	args?: string[];
	/**
	 * Paths under `baseUrl` that must answer 200 before the process counts as ready; default the main's
	 * readiness and the editor's settings (a worker or webhook processor serves only the first).
	 */
	readyPaths?: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One n8n process (`n8n start` unless told otherwise) in its own process group (n8n forks a task runner, and a Ctrl-C or a test
 * teardown must end both). Output goes to a log file; `logTail()` shows the end of it on failure.
 */
export class N8nProcess {
	private child?: ChildProcess;
	private exited?: Promise<void>;
	private exitInfo?: string;
	// If the parent dies without stop() (a crashed test run), n8n must not outlive it: it is detached.
	private readonly killOnExit = () => {
		if (this.child?.pid && this.exitInfo === undefined) signalGroup(this.child.pid, 'SIGKILL');
	};

	constructor(private readonly options: N8nProcessOptions) {}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined && this.exitInfo === undefined;
	}

	async start(timeoutMs = 180_000): Promise<void> {
		if (this.running) throw new Error('n8n is already running');
		const { runtime, env, logFile } = this.options;
		const fd = openSync(logFile, 'a');
		this.exitInfo = undefined;
		const child = spawn(runtime.node, [runtime.n8nBin, ...(this.options.args ?? ['start'])], {
			env,
			cwd: env.N8N_USER_FOLDER,
			detached: true,
			stdio: ['ignore', fd, fd],
		});
		closeSync(fd);
		this.child = child;
		process.once('exit', this.killOnExit);
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				this.exitInfo = signal ? `signal ${signal}` : `exit code ${String(code)}`;
				resolve();
			});
		});
		await this.waitReady(timeoutMs);
	}

	private async waitReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		// n8n 1.x reports ready before its REST routes are mounted; the editor's settings come last.
		const paths = this.options.readyPaths ?? ['healthz/readiness', 'rest/settings'];
		while (Date.now() < deadline) {
			if (this.exitInfo)
				throw new Error(`n8n stopped while starting (${this.exitInfo}).\n${this.logTail()}`);
			try {
				let ready = true;
				for (const path of paths)
					if ((await fetch(`${this.options.baseUrl}${path}`)).status !== 200) ready = false;
				if (ready) return;
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		throw new Error(`n8n was not ready after ${timeoutMs / 1000} s.\n${this.logTail()}`);
	}

	/** SIGTERM to the whole group (n8n shuts down gracefully), SIGKILL if it takes too long. */
	async stop(timeoutMs = 30_000): Promise<void> {
		const child = this.child;
		if (!child?.pid || this.exitInfo !== undefined) {
			process.removeListener('exit', this.killOnExit);
			return;
		}
		signalGroup(child.pid, 'SIGTERM');
		let timer: NodeJS.Timeout | undefined;
		const stopped = await Promise.race([
			this.exited!.then(() => true),
			new Promise<boolean>((resolve) => {
				timer = setTimeout(() => resolve(false), timeoutMs);
			}),
		]);
		clearTimeout(timer);
		if (!stopped) {
			signalGroup(child.pid, 'SIGKILL');
			await this.exited;
		}
		// The task runner lives in the same group; make sure nothing of it outlives n8n.
		signalGroup(child.pid, 'SIGKILL');
		process.removeListener('exit', this.killOnExit);
	}

	/** SIGKILL to the whole group (a crash, not a shutdown); resolves once it has exited. */
	async kill(): Promise<void> {
		const child = this.child;
		if (child?.pid && this.exitInfo === undefined) {
			signalGroup(child.pid, 'SIGKILL');
			await this.exited;
		}
		process.removeListener('exit', this.killOnExit);
	}

	/** The last lines of n8n's log, with every known secret masked. */
	logTail(lines = 60): string {
		const { logFile } = this.options;
		if (!existsSync(logFile)) return '(no n8n log)';
		let text = readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
		for (const secret of this.options.secrets()) if (secret) text = text.split(secret).join('***');
		return `--- last ${lines} lines of ${logFile} ---\n${text}`;
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}
