/**
 * n8n's queue mode (its production scale-out topology) on this machine, for the queue tests, the demo
 * (`npm start -- --queue`) and the benchmarks:
 *
 *   const stack = await startQueueStack({ workers: 2, concurrency: 10 });
 *   stack.main.client...        // N8nInstance of the main (editor, API, activation): as startN8n's
 *   stack.webhookUrl            // the load balancer in front of the webhook processor: N8N_WEBHOOK_URL
 *   stack.webhook.url           // the webhook processor (`n8n webhook`) itself
 *   stack.workers[0].log()      // a worker (`n8n worker --concurrency=N`): "Worker started execution <id>"
 *   stack.webhook.kill() / .start() / .restart(); stack.main.kill() / .start() / .restart()
 *   stack.ranOn(executionId)    // names of the workers whose log says they ran it (evidence, not assumption)
 *   stack.describe()            // lines: which process does what, on which port
 *   await stack.stop();         // everything, in order; nothing left running or listening
 *
 * Bird's deliveries reach the webhook processor through a load balancer that checks n8n's readiness
 * (load-balancer.ts), as production setups do: a restarting n8n answers 200 before it is ready.
 * Postgres and Redis come from queue-services.ts (Debian's packages, installed on first use). Every n8n
 * process has its own user folder, port and task-broker port, the package installed once the way n8n's
 * installer does and copied into each, one encryption key, and one Read/Write Files folder (the main's).
 * Manual runs are offloaded to the workers, and the main takes no production webhooks, so every
 * execution runs on a worker. SIGINT/SIGTERM stop the stack (then the process exits) unless
 * `stopOnSignals: false`; if the caller dies, each process group is killed on exit.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../free-port';
import { nodesFolder } from './community-package';
import { N8N_ENCRYPTION_KEY, n8nEnvironment } from './environment';
import { type N8nInstance, type StartN8nOptions, startN8n } from '.';
import { DEFAULT_OWNER, ownerPasswordHash } from './owner';
import { type LoadBalancer, startLoadBalancer } from './load-balancer';
import { N8nProcess } from './process';
import { type ServiceHandle, startPostgres, startRedis } from './queue-services';

export interface QueueStackOptions {
	/** Number of `n8n worker` processes; default 2. */
	workers?: number;
	/** Jobs each worker runs at once (`--concurrency`); default 10 (n8n's default). */
	concurrency?: number;
	/** Extra environment for every n8n process (e.g. `{ N8N_LOG_LEVEL: 'debug' }`). */
	env?: Record<string, string>;
	/** Strings to mask in printed logs (Bird access keys). */
	secrets?: string[];
	/** The main's port (default: any free one). */
	mainPort?: number;
	readyTimeoutMs?: number;
	/** Default true: SIGINT/SIGTERM stop the stack, then exit. The demo handles its signals itself. */
	stopOnSignals?: boolean;
	install?: StartN8nOptions['install'];
}

/** A worker or the webhook processor. */
export interface QueueProcess {
	name: string;
	role: 'worker' | 'webhook';
	/** The webhook processor's base URL, or a worker's health server (`<url>healthz`). */
	url: string;
	port: number;
	brokerPort: number;
	userFolder: string;
	logFile: string;
	pid(): number | undefined;
	running(): boolean;
	/** The whole log so far, secrets masked. */
	log(): string;
	logTail(lines?: number): string;
	start(): Promise<void>;
	/** SIGTERM (graceful), SIGKILL after 30 s. */
	stop(): Promise<void>;
	/** SIGKILL: a crash. */
	kill(): Promise<void>;
	restart(): Promise<void>;
}

export interface QueueStack {
	main: N8nInstance;
	webhook: QueueProcess;
	workers: QueueProcess[];
	postgres: ServiceHandle;
	redis: ServiceHandle;
	/** N8N_WEBHOOK_URL of every process: the load balancer in front of the webhook processor, trailing slash. */
	webhookUrl: string;
	loadBalancer: LoadBalancer;
	concurrency: number;
	/** Names of the workers whose log records starting `executionId`. */
	ranOn(executionId: string): string[];
	describe(): string[];
	stop(): Promise<void>;
}

/** `count` distinct free loopback ports. */
async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

export async function startQueueStack(options: QueueStackOptions = {}): Promise<QueueStack> {
	const workerCount = options.workers ?? 2;
	const concurrency = options.concurrency ?? 10;
	const readyTimeoutMs = options.readyTimeoutMs ?? 300_000;
	const [pgPort, redisPort, mainPort, balancerPort, webhookPort, webhookBroker, ...workerPorts] =
		await freePorts(6 + 2 * workerCount);
	const folders: string[] = [];
	const started: { stop(): Promise<void> }[] = [];
	let stopping: Promise<void> | undefined;
	const stopAll = () =>
		(stopping ??= (async () => {
			// Webhook processor and workers first (a worker finishes its running jobs), then main, then state.
			const [services, main, ...rest] = started;
			await Promise.all(rest.map((p) => p.stop().catch(() => undefined)));
			await main?.stop().catch(() => undefined);
			await services?.stop().catch(() => undefined);
			if (process.env.BIRD_KEEP_N8N !== '1')
				for (const folder of folders) rmSync(folder, { recursive: true, force: true });
			for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeListener(signal, onSignal);
		})());
	const onSignal = (signal: NodeJS.Signals) =>
		void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	if (options.stopOnSignals !== false)
		for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, onSignal);

	try {
		const [postgres, redis] = await Promise.all([startPostgres(pgPort), startRedis(redisPort)]);
		started.push({
			stop: () => Promise.all([postgres.stop(), redis.stop()]).then(() => undefined),
		});
		const webhookUrl = `http://127.0.0.1:${balancerPort}/`;
		const queueEnv: Record<string, string> = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			N8N_WEBHOOK_URL: webhookUrl,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			...options.env,
		};

		const main = await startN8n({
			port: options.mainPort ?? mainPort,
			env: queueEnv,
			secrets: options.secrets,
			readyTimeoutMs,
			install: options.install,
		});
		started.push(main);
		const secrets = () => [...main.client.secrets, ...(options.secrets ?? []), main.owner.password];
		const hash = ownerPasswordHash(
			main.owner.password ?? DEFAULT_OWNER.password,
			main.runtime.n8nBin,
		);

		const processOf = (
			name: string,
			role: QueueProcess['role'],
			port: number,
			brokerPort: number,
			args: string[],
			env: Record<string, string>,
		): QueueProcess => {
			const userFolder = mkdtempSync(join(tmpdir(), `bird-n8n-${name}-`));
			folders.push(userFolder);
			mkdirSync(nodesFolder(userFolder), { recursive: true });
			cpSync(nodesFolder(main.userFolder), nodesFolder(userFolder), { recursive: true });
			const url = `http://127.0.0.1:${port}/`;
			const logFile = join(userFolder, 'n8n.log');
			const fullEnv = n8nEnvironment({
				userFolder,
				port,
				brokerPort,
				major: main.runtime.major,
				owner: main.owner,
				ownerPasswordHash: hash,
				encryptionKey: N8N_ENCRYPTION_KEY,
				filesDir: main.filesDir,
				extra: { ...queueEnv, N8N_EDITOR_BASE_URL: main.url, ...env },
			});
			const n8n = new N8nProcess({
				runtime: main.runtime,
				env: fullEnv,
				baseUrl: url,
				logFile,
				secrets,
				args,
				readyPaths: ['healthz/readiness'],
			});
			return {
				name,
				role,
				url,
				port,
				brokerPort,
				userFolder,
				logFile,
				pid: () => n8n.pid,
				running: () => n8n.running,
				log: () => n8n.logTail(1_000_000),
				logTail: (lines) => n8n.logTail(lines),
				start: () => n8n.start(readyTimeoutMs),
				stop: () => n8n.stop(),
				kill: () => n8n.kill(),
				async restart() {
					await n8n.stop();
					await n8n.start(readyTimeoutMs);
				},
			};
		};

		const webhook = processOf('webhook', 'webhook', webhookPort, webhookBroker, ['webhook'], {});
		const workers = Array.from({ length: workerCount }, (_, index) => {
			const [port, brokerPort] = workerPorts.slice(2 * index, 2 * index + 2);
			return processOf(
				`worker-${index + 1}`,
				'worker',
				port,
				brokerPort,
				['worker', `--concurrency=${concurrency}`],
				{
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
			);
		});
		for (const child of [webhook, ...workers]) started.push(child);
		await Promise.all([webhook, ...workers].map((child) => child.start()));
		const loadBalancer = await startLoadBalancer([webhook.url], balancerPort);
		started.push(loadBalancer);

		return {
			main,
			webhook,
			workers,
			postgres,
			redis,
			webhookUrl,
			loadBalancer,
			concurrency,
			ranOn: (executionId) =>
				workers
					.filter((worker) => worker.log().includes(`Worker started execution ${executionId} `))
					.map((worker) => worker.name),
			describe: () => [
				`main       ${main.url}  pid ${main.pid()}  editor, REST and public API, workflow activation (the trigger's subscribe/unsubscribe); no production webhooks`,
				`balancer   ${webhookUrl}  pid ${process.pid}  load balancer (in this process): takes Bird's deliveries (N8N_WEBHOOK_URL), forwards them only to a webhook processor whose /healthz/readiness answers 200`,
				`webhook    ${webhook.url}  pid ${webhook.pid()}  \`n8n webhook\`: runs the trigger's webhook(), queues the execution`,
				...workers.map(
					(w) =>
						`${w.name.padEnd(10)} ${w.url}healthz  pid ${w.pid()}  \`n8n worker --concurrency=${concurrency}\`: runs executions from the queue (manual runs too)`,
				),
				`postgres   127.0.0.1:${postgres.port}  pid ${postgres.pid()}  n8n's database (workflows, credentials, executions, static data)`,
				`redis      127.0.0.1:${redis.port}  pid ${redis.pid()}  Bull job queue between main/webhook and the workers`,
			],
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
