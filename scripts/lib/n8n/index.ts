import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../free-port';
import { N8nClient } from './client';
import { n8nEnvironment } from './environment';
import { DEFAULT_OWNER, type N8nOwner, ownerPasswordHash } from './owner';
import { N8nProcess } from './process';
import { n8nRuntime, REPO_ROOT } from './runtime';

export * from './client';
export { DEFAULT_OWNER, type N8nOwner } from './owner';
export { n8nRuntime, REPO_ROOT } from './runtime';

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
	pid(): number | undefined;
	logTail(lines?: number): string;
	/** SIGTERM, wait, start again on the same database and ports, log in again. */
	restart(): Promise<void>;
	/** Stop n8n; remove its temporary folder unless it was given or BIRD_KEEP_N8N=1. */
	stop(): Promise<void>;
}

// Fixed so that a restart (or a demo's second run on the same folder) can decrypt stored credentials.
const ENCRYPTION_KEY = 'bird-conversations-local-n8n-encryption-key';

/**
 * Starts a real n8n 2.41.1 on Node 24 with our built package (dist/) loaded, on loopback, quiet and
 * offline, with an env-managed owner; logs in and creates a public-API key. Used by the e2e tests, the
 * browser check and `npm start`.
 */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const runtime = n8nRuntime();
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
	const client = new N8nClient(url);

	const env = n8nEnvironment({
		userFolder: root,
		port,
		brokerPort,
		extensionsDir: join(REPO_ROOT, 'dist'),
		owner,
		ownerPasswordHash: ownerPasswordHash(owner.password, runtime.n8nBin),
		encryptionKey: ENCRYPTION_KEY,
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
		await client.login(owner.email, owner.password);
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
		if (ownFolder && process.env.BIRD_KEEP_N8N !== '1') rmSync(root, { recursive: true, force: true });
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
		pid: () => n8n.pid,
		logTail: (lines) => n8n.logTail(lines),
		async restart() {
			await n8n.stop();
			await boot();
		},
		async stop() {
			await n8n.stop();
			if (ownFolder && process.env.BIRD_KEEP_N8N !== '1') rmSync(root, { recursive: true, force: true });
		},
	};
}
