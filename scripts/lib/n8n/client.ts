/**
 * A small client for a running n8n: the editor's REST API (`/rest`, cookie session) for what only the
 * editor can do (run a workflow manually, publication status, the credential test the editor's "Test"
 * button calls), and the public API (`/api/v1`, X-N8N-API-KEY) for everything else.
 */
import {
	N8nHttpError,
	type N8nCredentialInput,
	type N8nExecution,
	type N8nWorkflow,
	type N8nWorkflowInput,
	type PublicationStatus,
	hasItsData,
} from './api-types';

export * from './api-types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Public-API workflow fields; anything else (id, active, tags, meta, versionId...) is rejected there. */
const WORKFLOW_FIELDS = [
	'name',
	'nodes',
	'connections',
	'settings',
	'staticData',
	'pinData',
	'description',
];

// n8n ties the session cookie to a browser ID sent as a header; any stable value works for one client.
const BROWSER_ID = 'bird-conversations-e2e';

export class N8nClient {
	private cookie = '';
	private apiKey = '';

	/** `major`: the n8n's major version; 1.x activates synchronously and runs what the request sends. */
	constructor(
		readonly baseUrl: string,
		readonly major = 2,
	) {}

	/** The API key, for masking in logs; never print it. */
	get secrets(): string[] {
		return [this.apiKey];
	}

	async login(email: string, password: string): Promise<void> {
		await this.session('/rest/login', { emailOrLdapLoginId: email, password });
	}

	/** n8n 1.x's first-run owner set-up (2.x takes the owner from the environment); logs in too. */
	async setupOwner(owner: {
		email: string;
		password: string;
		firstName: string;
		lastName: string;
	}): Promise<void> {
		await this.session('/rest/owner/setup', owner);
	}

	private async session(path: string, body: unknown): Promise<void> {
		const response = await fetch(`${this.baseUrl}${path.slice(1)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify(body),
		});
		if (response.status !== 200)
			throw new N8nHttpError(response.status, 'POST', path, await response.text());
		const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
		this.cookie = cookies.join('; ');
	}

	async createApiKey(label = 'bird-e2e'): Promise<void> {
		const scopes = [
			'workflow:create',
			'workflow:read',
			'workflow:update',
			'workflow:delete',
			'workflow:list',
			'workflow:activate',
			'workflow:deactivate',
			'execution:read',
			'execution:list',
			'execution:delete',
			'credential:create',
			'credential:read',
			'credential:update',
			'credential:delete',
			'credential:list',
		];
		// n8n 1.x has no credential read, update or list scopes for API keys (and refuses unknown ones).
		const known =
			this.major < 2
				? scopes.filter((scope) => !/^credential:(read|update|list)$/.test(scope))
				: scopes;
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label,
			scopes: known,
			expiresAt: null,
		});
		this.apiKey = created.rawApiKey;
	}

	/** The editor's API (`/rest`), unwrapping n8n's `{ data }` envelope. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				cookie: this.cookie,
				'browser-id': BROWSER_ID,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const parsed = await parse(response);
		if (!response.ok) throw new N8nHttpError(response.status, method, `/rest${path}`, parsed);
		return (parsed as { data: T }).data;
	}

	/** What the editor loads: every node or credential type n8n knows (`/types/*.json`, needs the session). */
	async types(
		kind: 'nodes' | 'credentials',
	): Promise<Array<{ name: string; displayName: string }>> {
		const response = await fetch(`${this.baseUrl}types/${kind}.json`, {
			headers: { cookie: this.cookie, 'browser-id': BROWSER_ID },
		});
		const parsed = await parse(response);
		if (!response.ok) throw new N8nHttpError(response.status, 'GET', `/types/${kind}.json`, parsed);
		return parsed as Array<{ name: string; displayName: string }>;
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

	async createCredential(
		input: N8nCredentialInput,
	): Promise<{ id: string; name: string; type: string }> {
		// n8n 1.x adds "Allowed HTTP Request Domains" to every credential, and its public API's schema
		// then demands allowedDomains unless the choice is given; 'all' is the editor's default.
		if (this.major < 2 && input.data.allowedHttpRequestDomains === undefined) {
			input = { ...input, data: { ...input.data, allowedHttpRequestDomains: 'all' } };
		}
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
		const stored = await this.rest<{
			id: string;
			name: string;
			type: string;
			data: Record<string, unknown>;
		}>('GET', `/credentials/${id}?includeData=true`);
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
		const answer = await this.api<N8nWorkflow>('POST', `/workflows/${id}/activate`);
		// n8n 1.x activates before it answers (a failing trigger is an error answer) and has no publication status.
		if (this.major < 2) return { status: answer.active ? 'published' : 'failed', triggers: [] };
		return this.waitForPublication(id, ['published'], timeoutMs);
	}

	async deactivateWorkflow(id: string, timeoutMs = 60_000): Promise<PublicationStatus> {
		const answer = await this.api<N8nWorkflow>('POST', `/workflows/${id}/deactivate`);
		if (this.major < 2)
			return { status: answer.active ? 'published' : 'not_published', triggers: [] };
		return this.waitForPublication(id, ['not_published'], timeoutMs);
	}

	async waitForPublication(
		id: string,
		wanted: Array<PublicationStatus['status']>,
		timeoutMs = 60_000,
	): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		let last: PublicationStatus | undefined;
		while (Date.now() < deadline) {
			last = await this.publicationStatus(id);
			if (wanted.includes(last.status)) return last;
			if (last.status === 'failed' || last.status === 'partial') {
				const reasons = last.triggers
					.map((t) => t.errorMessage)
					.filter(Boolean)
					.join('; ');
				throw new Error(`workflow ${id} could not be published (${last.status}): ${reasons}`);
			}
			await sleep(100);
		}
		throw new Error(
			`workflow ${id} did not reach ${wanted.join('/')} within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)})`,
		);
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
				if (
					execution.stoppedAt &&
					!['running', 'new', 'waiting'].includes(execution.status) &&
					hasItsData(execution)
				)
					return execution;
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
		return this.waitForExecution(await this.startWorkflow(id, triggerName), timeoutMs);
	}

	/** Starts a manual run as runWorkflow does, without waiting for it; answers the execution ID. */
	async startWorkflow(id: string, triggerName: string): Promise<string> {
		// n8n 2.x runs the saved version of the workflow and the body only names where to start; 1.x runs
		// the workflow the body carries, as its editor sends it.
		const body: Record<string, unknown> = { triggerToStartFrom: { name: triggerName } };
		if (this.major < 2) body.workflowData = await this.rest('GET', `/workflows/${id}`);
		const started = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${id}/run`,
			body,
		);
		if (!started.executionId)
			throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(started)}`);
		return started.executionId;
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
