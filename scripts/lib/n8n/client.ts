/**
 * A small client for a running n8n: the editor's REST API (`/rest`, cookie session) for what only the
 * editor can do (run a workflow manually, publication status, the credential test the editor's "Test"
 * button calls), and the public API (`/api/v1`, X-N8N-API-KEY) for everything else.
 */
export interface N8nCredentialInput {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface N8nWorkflowInput {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: unknown;
	pinData?: unknown;
	[key: string]: unknown;
}

export interface N8nWorkflow extends N8nWorkflowInput {
	id: string;
	active: boolean;
}

export interface N8nExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	startedAt: string;
	stoppedAt?: string | null;
	data?: {
		resultData: {
			runData: Record<string, Array<{ error?: { message?: string }; data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;
			error?: { message?: string; description?: string };
			lastNodeExecuted?: string;
		};
	};
}

export interface PublicationStatus {
	status: 'published' | 'not_published' | 'in_progress' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export class N8nHttpError extends Error {
	constructor(
		readonly status: number,
		readonly method: string,
		readonly path: string,
		readonly body: unknown,
	) {
		super(`n8n answered ${status} to ${method} ${path}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Public-API workflow fields; anything else (id, active, tags, meta, versionId...) is rejected there. */
const WORKFLOW_FIELDS = ['name', 'nodes', 'connections', 'settings', 'staticData', 'pinData', 'description'];

// n8n ties the session cookie to a browser ID sent as a header; any stable value works for one client.
const BROWSER_ID = 'bird-conversations-e2e';

export class N8nClient {
	private cookie = '';
	private apiKey = '';

	constructor(readonly baseUrl: string) {}

	/** The API key, for masking in logs; never print it. */
	get secrets(): string[] {
		return [this.apiKey];
	}

	async login(email: string, password: string): Promise<void> {
		const response = await fetch(`${this.baseUrl}rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (response.status !== 200) throw new N8nHttpError(response.status, 'POST', '/rest/login', await response.text());
		const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
		this.cookie = cookies.join('; ');
	}

	async createApiKey(label = 'bird-e2e'): Promise<void> {
		const scopes = [
			'workflow:create', 'workflow:read', 'workflow:update', 'workflow:delete', 'workflow:list',
			'workflow:activate', 'workflow:deactivate', 'execution:read', 'execution:list', 'execution:delete',
			'credential:create', 'credential:read', 'credential:update', 'credential:delete', 'credential:list',
		];
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = created.rawApiKey;
	}

	/** The editor's API (`/rest`), unwrapping n8n's `{ data }` envelope. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': BROWSER_ID },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const parsed = await parse(response);
		if (!response.ok) throw new N8nHttpError(response.status, method, `/rest${path}`, parsed);
		return (parsed as { data: T }).data;
	}

	/** The public API (`/api/v1`). */
	async api<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const parsed = await parse(response);
		if (!response.ok) throw new N8nHttpError(response.status, method, `/api/v1${path}`, parsed);
		return parsed as T;
	}

	// ---- credentials ----

	async createCredential(input: N8nCredentialInput): Promise<{ id: string; name: string; type: string }> {
		return this.api('POST', '/credentials', input);
	}

	async deleteCredential(id: string): Promise<void> {
		await this.api('DELETE', `/credentials/${id}`);
	}

	/**
	 * What the editor's "Test" button does: fetch the credential (secrets come back redacted), post it to
	 * /rest/credentials/test, and n8n swaps the stored secrets back in before running the credential's test.
	 */
	async testCredential(id: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const stored = await this.rest<{ id: string; name: string; type: string; data: Record<string, unknown> }>(
			'GET',
			`/credentials/${id}?includeData=true`,
		);
		return this.rest('POST', '/credentials/test', {
			credentials: { id: stored.id, name: stored.name, type: stored.type, data: stored.data },
		});
	}

	// ---- workflows ----

	async createWorkflow(input: N8nWorkflowInput): Promise<N8nWorkflow> {
		const body: Record<string, unknown> = { settings: { executionOrder: 'v1' } };
		for (const field of WORKFLOW_FIELDS) if (input[field] !== undefined) body[field] = input[field];
		return this.api('POST', '/workflows', body);
	}

	async getWorkflow(id: string): Promise<N8nWorkflow> {
		return this.api('GET', `/workflows/${id}`);
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.api('DELETE', `/workflows/${id}`);
	}

	async publicationStatus(id: string): Promise<PublicationStatus> {
		return this.rest('GET', `/workflows/${id}/publication-status`);
	}

	/**
	 * Activation is asynchronous in n8n 2.x: the API answers at once and the triggers (our webhook
	 * `checkExists`/`create`) run afterwards. Wait until n8n reports the workflow published, and fail with
	 * n8n's own message when a trigger could not be activated.
	 */
	async activateWorkflow(id: string, timeoutMs = 60_000): Promise<PublicationStatus> {
		await this.api('POST', `/workflows/${id}/activate`);
		return this.waitForPublication(id, ['published'], timeoutMs);
	}

	async deactivateWorkflow(id: string, timeoutMs = 60_000): Promise<PublicationStatus> {
		await this.api('POST', `/workflows/${id}/deactivate`);
		return this.waitForPublication(id, ['not_published'], timeoutMs);
	}

	async waitForPublication(id: string, wanted: Array<PublicationStatus['status']>, timeoutMs = 60_000): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		let last: PublicationStatus | undefined;
		while (Date.now() < deadline) {
			last = await this.publicationStatus(id);
			if (wanted.includes(last.status)) return last;
			if (last.status === 'failed' || last.status === 'partial') {
				const reasons = last.triggers.map((t) => t.errorMessage).filter(Boolean).join('; ');
				throw new Error(`workflow ${id} could not be published (${last.status}): ${reasons}`);
			}
			await sleep(100);
		}
		throw new Error(`workflow ${id} did not reach ${wanted.join('/')} within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)})`);
	}

	// ---- executions ----

	async listExecutions(workflowId: string, includeData = false): Promise<N8nExecution[]> {
		const result = await this.api<{ data: N8nExecution[] }>(
			'GET',
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${String(includeData)}&limit=250`,
		);
		return result.data;
	}

	async getExecution(id: string, includeData = true): Promise<N8nExecution> {
		return this.api('GET', `/executions/${id}?includeData=${String(includeData)}`);
	}

	/** Waits until an execution has stopped (success, error, crashed or canceled). */
	async waitForExecution(id: string, timeoutMs = 60_000): Promise<N8nExecution> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			try {
				const execution = await this.getExecution(id, true);
				if (execution.stoppedAt && !['running', 'new', 'waiting'].includes(execution.status)) return execution;
			} catch (error) {
				// Saved only once it has started; a 404 right after the run request is expected.
				if (!(error instanceof N8nHttpError && error.status === 404)) throw error;
			}
			await sleep(150);
		}
		throw new Error(`execution ${id} did not finish within ${timeoutMs / 1000} s`);
	}

	/**
	 * Runs a saved workflow the way the editor's "Execute workflow" button does (manual mode, starting at
	 * `triggerName`), then waits for the saved execution. Measured faster than `n8n execute --id`, which
	 * boots a second n8n for every run.
	 */
	async runWorkflow(id: string, triggerName: string, timeoutMs = 60_000): Promise<N8nExecution> {
		// n8n runs the saved version of the workflow; the body only names where to start.
		const started = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/workflows/${id}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (!started.executionId) throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(started)}`);
		return this.waitForExecution(started.executionId, timeoutMs);
	}
}

async function parse(response: Response): Promise<unknown> {
	const text = await response.text();
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The JSON items a node produced in an execution (first output, first run unless `run` is given). */
export function nodeOutput(execution: N8nExecution, nodeName: string, run = 0, output = 0): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs?.[run]) return [];
	return (runs[run].data?.main?.[output] ?? []).map((item) => item.json);
}

/** Node names that ended with an error in an execution, with their messages. */
export function executionErrors(execution: N8nExecution): string[] {
	const errors: string[] = [];
	const result = execution.data?.resultData;
	if (result?.error?.message) errors.push(`${result.lastNodeExecuted ?? 'workflow'}: ${result.error.message}`);
	for (const [name, runs] of Object.entries(result?.runData ?? {})) {
		for (const run of runs) if (run.error?.message) errors.push(`${name}: ${run.error.message}`);
	}
	return errors;
}
