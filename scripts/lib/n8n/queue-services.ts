/**
 * Postgres and Redis for n8n's queue mode, each a private instance on a loopback port with its data in
 * a temporary folder (Debian's packages, installed on first use by scripts/ensure-queue-services.sh).
 * Postgres runs as user `postgres` when we are root (it refuses root), Redis without persistence. Each
 * runs in its own process group so that stop() — or, if the caller dies first, the exit hook — ends it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
	chownSync,
	closeSync,
	existsSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from './runtime';

export interface QueueServiceBinaries {
	pgBin: string;
	redisServer: string;
}

let binaries: QueueServiceBinaries | undefined;

/** Installs (first use) and locates Postgres and Redis through scripts/ensure-queue-services.sh. */
export function queueServiceBinaries(): QueueServiceBinaries {
	if (binaries) return binaries;
	const output = execFileSync('bash', [join(REPO_ROOT, 'scripts', 'ensure-queue-services.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const printed = new Map(
		output
			.split('\n')
			.map((line) => /^(\w+)=(.+)$/.exec(line.trim()))
			.filter((match): match is RegExpExecArray => match !== null)
			.map((match) => [match[1], match[2]]),
	);
	const value = (key: string) => printed.get(key);
	const pgBin = value('pg_bin');
	const redisServer = value('redis_server');
	if (!pgBin || !redisServer) throw new Error(`ensure-queue-services.sh printed: ${output}`);
	binaries = { pgBin, redisServer };
	return binaries;
}

export interface ServiceHandle {
	name: string;
	port: number;
	pid(): number | undefined;
	logTail(lines?: number): string;
	stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function portAnswers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** Spawns `command` detached, waits until `port` accepts connections; stop() sends `stopSignal`. */
async function runService(
	name: string,
	command: string,
	args: string[],
	port: number,
	folder: string,
	stopSignal: NodeJS.Signals,
	timeoutMs = 60_000,
): Promise<ServiceHandle> {
	const logFile = join(folder, `${name}.log`);
	const fd = openSync(logFile, 'a');
	const child: ChildProcess = spawn(command, args, {
		cwd: folder,
		detached: true,
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	let exitInfo: string | undefined;
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			exitInfo = signal ? `signal ${signal}` : `exit code ${String(code)}`;
			resolve();
		}),
	);
	const killOnExit = () => {
		if (child.pid && exitInfo === undefined) signalGroup(child.pid, 'SIGKILL');
	};
	process.once('exit', killOnExit);
	const logTail = (lines = 30) =>
		existsSync(logFile)
			? `--- last ${lines} lines of ${logFile} ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n')}`
			: `(no ${name} log)`;
	const stop = async () => {
		if (child.pid && exitInfo === undefined) {
			signalGroup(child.pid, stopSignal);
			const timer = setTimeout(() => child.pid && signalGroup(child.pid, 'SIGKILL'), 20_000);
			await exited;
			clearTimeout(timer);
		}
		process.removeListener('exit', killOnExit);
	};
	const deadline = Date.now() + timeoutMs;
	while (!(await portAnswers(port))) {
		if (exitInfo !== undefined || Date.now() > deadline) {
			await stop();
			throw new Error(`${name} did not start (${exitInfo ?? 'timeout'}).\n${logTail()}`);
		}
		await sleep(200);
	}
	return { name, port, pid: () => child.pid, logTail, stop };
}

/** As `postgres` when we are root (runuser), as ourselves otherwise. */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args];
}

/** A new Postgres cluster (trust auth, loopback only) with a database `n8n`; data removed by stop(). */
export async function startPostgres(port: number): Promise<ServiceHandle> {
	const { pgBin } = queueServiceBinaries();
	const folder = mkdtempSync(join(tmpdir(), 'bird-queue-pg-'));
	const data = join(folder, 'data');
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
		chownSync(folder, uid, gid);
	}
	const run = (command: string, args: string[]) => {
		const [file, argv] = asPostgres(join(pgBin, command), args);
		execFileSync(file, argv, { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
	};
	try {
		run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	} catch (error) {
		rmSync(folder, { recursive: true, force: true });
		throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
	}
	// The socket lives in our folder (not /var/run/postgresql, which may not exist); fsync off: test data.
	const serverArgs = [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		folder,
		'-c',
		'listen_addresses=127.0.0.1',
	];
	serverArgs.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=200');
	const [file, argv] = asPostgres(join(pgBin, 'postgres'), serverArgs);
	let service: ServiceHandle;
	try {
		// SIGINT is Postgres's fast shutdown: sessions end, the cluster stops cleanly.
		service = await runService('postgres', file, argv, port, folder, 'SIGINT');
		run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n']);
	} catch (error) {
		rmSync(folder, { recursive: true, force: true });
		throw error;
	}
	return {
		...service,
		async stop() {
			await service.stop();
			if (process.env.BIRD_KEEP_N8N !== '1') rmSync(folder, { recursive: true, force: true });
		},
	};
}

/** A Redis on loopback without persistence (no RDB snapshots, no AOF). */
export async function startRedis(port: number): Promise<ServiceHandle> {
	const { redisServer } = queueServiceBinaries();
	const folder = mkdtempSync(join(tmpdir(), 'bird-queue-redis-'));
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	args.push('--dir', folder, '--daemonize', 'no', '--protected-mode', 'yes');
	try {
		const service = await runService('redis', redisServer, args, port, folder, 'SIGTERM');
		return {
			...service,
			async stop() {
				await service.stop();
				rmSync(folder, { recursive: true, force: true });
			},
		};
	} catch (error) {
		rmSync(folder, { recursive: true, force: true });
		throw error;
	}
}
