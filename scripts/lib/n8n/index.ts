import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

import { freePort } from '../free-port';
import { N8nClient } from './client';
import { installLikeN8n, packedPackage } from './community-package';
import { N8N_ENCRYPTION_KEY, n8nEnvironment } from './environment';
import { DEFAULT_OWNER, type N8nOwner, ownerPasswordHash } from './owner';
import { N8nProcess } from './process';
import { type N8nLine, n8nRuntime, type N8nRuntime } from './runtime';

export * from './client';
export * from './community-package';
export { DEFAULT_OWNER, type N8nOwner } from './owner';
export { N8N_VERSIONS, type N8nLine, n8nRuntime, type N8nRuntime, REPO_ROOT } from './runtime';
export * from './queue';

/**
 * How our package gets into n8n before it starts: `installer` (default) installs the packed tarball
 * the way n8n's Settings → Community Nodes does; a function gets the user folder and an environment
 * for npm and installs it some other way (the README's command line); `none` installs nothing.
 */
export type PackageInstall =
	'installer' | 'none' | ((userFolder: string, npmEnv: NodeJS.ProcessEnv) => void);

export interface StartN8nOptions {
	/** Reuse a user folder (database, settings); default: a new temporary folder removed by `stop()`. */
	userFolder?: string;
	port?: number;
	owner?: N8nOwner;
	/** Extra environment variables for n8n. */
	env?: Record<string, string>;
	/** Strings to mask in printed logs (e.g. Bird access keys used in credentials). */
	secrets?: string[];
	readyTimeoutMs?: number;
	/** Which n8n (scripts/n8n-versions.json): `pinned` 2.x (default) or `compat` 1.123.x. */
	line?: N8nLine;
	install?: PackageInstall;
}

export interface N8nInstance {
	/** e.g. http://127.0.0.1:45678/ (trailing slash). */
	url: string;
	port: number;
	owner: N8nOwner;
	userFolder: string;
	/** Where the Read/Write Files node may write (N8N_RESTRICT_FILE_ACCESS_TO). */
	filesDir: string;
	logFile: string;
	client: N8nClient;
	runtime: N8nRuntime;
	pid(): number | undefined;
	logTail(lines?: number): string;
	/** SIGTERM, wait, start again on the same database and ports, log in again. */
	restart(): Promise<void>;
	/** SIGKILL (a crash: no graceful shutdown); `start()` brings it back on the same database and ports. */
	kill(): Promise<void>;
	start(): Promise<void>;
	/** Stop n8n; remove its temporary folder unless it was given or BIRD_KEEP_N8N=1. */
	stop(): Promise<void>;
}

/**
 * Starts a real n8n (the pinned 2.x, or the 1.123.x compat line) on Node 24 with our package installed
 * the way users install it (default: n8n's installer path from the packed tarball, so node types are
 * `n8n-nodes-bird-conversations.*`), on loopback, quiet and offline, with an owner (from the
 * environment in 2.x, set up once in 1.x); logs in and creates a public-API key. Used by the e2e tests,
 * the browser check, the benchmarks and `npm start`.
 */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const runtime = n8nRuntime(options.line);
	const ownFolder = !options.userFolder;
	const root = options.userFolder ?? mkdtempSync(join(tmpdir(), 'bird-n8n-'));
	mkdirSync(root, { recursive: true });
	const filesDir = join(root, 'files');
	mkdirSync(filesDir, { recursive: true });
	const logFile = join(root, 'n8n.log');
	const port = options.port ?? (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const owner = options.owner ?? DEFAULT_OWNER;
	const url = `http://127.0.0.1:${port}/`;
	const client = new N8nClient(url, runtime.major);

	// npm as n8n's installer runs it: under the same Node, building nothing.
	const npmEnv = {
		...process.env,
		PATH: `${dirname(runtime.node)}${delimiter}${process.env.PATH ?? ''}`,
	};
	const install = options.install ?? 'installer';
	try {
		if (install === 'installer') installLikeN8n(root, packedPackage(), npmEnv);
		else if (typeof install === 'function') install(root, npmEnv);
	} catch (error) {
		if (ownFolder) rmSync(root, { recursive: true, force: true });
		throw error;
	}

	const env = n8nEnvironment({
		userFolder: root,
		port,
		brokerPort,
		major: runtime.major,
		owner,
		ownerPasswordHash: ownerPasswordHash(owner.password, runtime.n8nBin),
		encryptionKey: N8N_ENCRYPTION_KEY,
		filesDir,
		extra: options.env,
	});
	const processOptions = {
		runtime,
		env,
		baseUrl: url,
		logFile,
		secrets: () => [...client.secrets, ...(options.secrets ?? []), owner.password],
	};
	const n8n = new N8nProcess(processOptions);

	let haveApiKey = false;
	const connect = async () => {
		// n8n 1.x: set the owner up on a new database; a reused one already has it.
		const setUp = runtime.major < 2 && !haveApiKey;
		if (
			!setUp ||
			!(await client.setupOwner(owner).then(
				() => true,
				() => false,
			))
		) {
			await client.login(owner.email, owner.password);
		}
		// The key is stored in n8n's database, so it survives restarts; one per instance is enough.
		if (!haveApiKey) await client.createApiKey(`bird-${Date.now()}`);
		haveApiKey = true;
	};
	const boot = async () => {
		await n8n.start(options.readyTimeoutMs);
		try {
			await connect();
		} catch (error) {
			throw new Error(`${(error as Error).message}\n${n8n.logTail()}`);
		}
	};

	try {
		await boot();
	} catch (error) {
		await n8n.stop();
		if (ownFolder && process.env.BIRD_KEEP_N8N !== '1')
			rmSync(root, { recursive: true, force: true });
		throw error;
	}

	return {
		url,
		port,
		owner,
		userFolder: root,
		filesDir,
		logFile,
		client,
		runtime,
		pid: () => n8n.pid,
		logTail: (lines) => n8n.logTail(lines),
		async restart() {
			await n8n.stop();
			await boot();
		},
		kill: () => n8n.kill(),
		start: () => boot(),
		async stop() {
			await n8n.stop();
			if (ownFolder && process.env.BIRD_KEEP_N8N !== '1')
				rmSync(root, { recursive: true, force: true });
		},
	};
}
