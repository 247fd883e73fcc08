/**
 * E2E stack: the Bird sandbox (in this process, so tests can read its state directly) plus a real n8n
 * process (the pinned 2.x, or the 1.123.x compat line) with our package installed from its packed
 * tarball the way n8n's own installer does (node types `n8n-nodes-bird-conversations.*`, as users have
 * them), a stored credential pointing at the sandbox, and helpers to import workflows, simulate
 * customers and read what Bird would have sent.
 *
 * One stack per test file (start in beforeAll, stop in afterAll); tests in a file share it, which keeps
 * the suite fast. n8n's log tail is printed when start-up fails and by `dumpOnFailure()`.
 */
import { type N8nInstance, type StartN8nOptions, startN8n } from '../../scripts/lib/n8n';
import { withCredential, withSettings, type WorkflowJson } from '../../scripts/lib/workflows';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/seed';
import type { Subscription } from '../../sandbox/store';
import { birdDeliveryHeaders } from './birdSignature';

export { DEMO };

export interface E2eStack {
	sandbox: Sandbox;
	n8n: N8nInstance;
	credential: { id: string; name: string };
	/** Base URL of this n8n's production webhooks: the n8n itself, or a queue stack's webhook processor. */
	webhookBase: string;
	/** Imports a workflow (unchanged but for the stack's credential and the Settings node's values). */
	importWorkflow(workflow: WorkflowJson, settings?: Record<string, string>): Promise<string>;
	/** A customer writes on a channel; the sandbox fires the events. */
	inbound(
		channelId: string,
		text: string,
		contact?: Record<string, string>,
	): Promise<{ conversation: { id: string }; message: { id: string } }>;
	/** Webhook subscriptions the sandbox holds (all workspaces, with signing keys). */
	subscriptions(): Subscription[];
	/**
	 * Posts `envelope` to n8n the way Bird delivers it: to the URL of the sandbox subscription this n8n made
	 * for the envelope's event, signed here (test/harness/birdSignature.ts) with that subscription's key.
	 * Builds deliveries from Bird's documented payloads without going through the sandbox's own events.
	 */
	deliverAsBird(
		envelope: Record<string, unknown>,
		options?: { timestamp?: number; requestId?: string },
	): Promise<{ status: number; body: string; url: string; headers: Record<string, string> }>;
	close(): Promise<void>;
}

export const JOHN = {
	identifierKey: 'phonenumber',
	identifierValue: DEMO.contacts.john.identifierValue,
	displayName: DEMO.contacts.john.name,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value that is not undefined/false, or fails with `what`. */
export async function eventually<T>(
	what: string,
	check: () => T | undefined | false | Promise<T | undefined | false>,
	timeoutMs = 20_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value as T;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for: ${what}`);
		await sleep(100);
	}
}

/** The sandbox the e2e tests run against: demo seed, no rate limits, local webhook URLs, quick retries. */
export function startTestSandbox(overrides: SandboxOptions = {}): Promise<Sandbox> {
	return startSandbox({
		host: '127.0.0.1',
		port: 0,
		seed: 'demo',
		rateLimits: false,
		allowLocalWebhookUrls: true,
		retrySchedule: [200, 500, 1000],
		statusProgressionMs: 0,
		...overrides,
	});
}

/**
 * Starts the test sandbox, then `start` (n8n, single or queue mode) with the demo keys to mask in its
 * logs; closes the sandbox again if `start` fails, so a failed start-up leaves nothing listening.
 */
export async function startBesideSandbox<T>(
	sandboxOptions: SandboxOptions | undefined,
	start: (secrets: string[]) => Promise<T>,
): Promise<{ sandbox: Sandbox; started: T }> {
	const sandbox = await startTestSandbox(sandboxOptions);
	try {
		return { sandbox, started: await start([DEMO.accessKey.secret, DEMO.otherAccessKey.secret]) };
	} catch (error) {
		await sandbox.close();
		throw error;
	}
}

/**
 * `n8n`: options for startN8n, e.g. `{ line: 'compat' }` for n8n 1.123.x or another install path;
 * `sandbox`: options that differ from startTestSandbox's, e.g. `{ statusProgressionMs: 150 }`.
 */
export async function startE2eStack(
	options: { n8n?: StartN8nOptions; sandbox?: SandboxOptions } = {},
): Promise<E2eStack> {
	const { sandbox, started: n8n } = await startBesideSandbox(options.sandbox, (secrets) =>
		startN8n({ secrets, ...options.n8n }),
	);
	let helpers: E2eHelpers;
	try {
		helpers = await e2eHelpers(sandbox, n8n, n8n.url);
	} catch (error) {
		await n8n.stop();
		await sandbox.close();
		throw error;
	}
	return {
		sandbox,
		n8n,
		...helpers,
		async close() {
			await n8n.stop();
			await sandbox.close();
		},
	};
}

export type E2eHelpers = Omit<E2eStack, 'sandbox' | 'n8n' | 'close'>;

/**
 * The stack's credential (the demo key, pointing at `sandbox`) and helpers, for a single n8n or a
 * queue-mode stack (test/harness/queue.ts), whose production webhooks live at `webhookBase`.
 */
export async function e2eHelpers(
	sandbox: Sandbox,
	n8n: N8nInstance,
	webhookBase: string,
): Promise<E2eHelpers> {
	const stored = await n8n.client.createCredential({
		name: 'Bird sandbox',
		type: 'birdConversationsApi',
		data: {
			accessKey: DEMO.accessKey.secret,
			workspaceId: DEMO.workspaceId,
			organizationId: DEMO.organizationId,
			baseUrl: sandbox.url,
		},
	});
	const credential = { id: stored.id, name: stored.name };

	return {
		credential,
		webhookBase,
		async importWorkflow(workflow, settings = {}) {
			const prepared = withSettings(withCredential(workflow, credential), settings);
			const created = await n8n.client.createWorkflow(prepared);
			return created.id;
		},
		async inbound(channelId, text, contact = JOHN) {
			const response = await fetch(`${sandbox.url}/_sandbox/channels/${channelId}/inbound`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ contact, text }),
			});
			if (response.status !== 201)
				throw new Error(`sandbox inbound answered ${response.status}: ${await response.text()}`);
			return (await response.json()) as { conversation: { id: string }; message: { id: string } };
		},
		subscriptions() {
			return sandbox.context.store.data.subscriptions;
		},
		async deliverAsBird(envelope, options = {}) {
			const matching = sandbox.context.store.data.subscriptions.filter(
				(s) =>
					s.event === envelope.event &&
					s.service === envelope.service &&
					s.url.startsWith(`${webhookBase}webhook/`),
			);
			if (matching.length !== 1)
				throw new Error(
					`expected one production subscription of this n8n for ${String(envelope.event)}, found ${matching.length}`,
				);
			const [subscription] = matching;
			const rawBody = JSON.stringify(envelope);
			const headers = {
				'content-type': 'application/json',
				...birdDeliveryHeaders(subscription.signingKey ?? '', subscription.url, rawBody, options),
			};
			const response = await fetch(subscription.url, { method: 'POST', headers, body: rawBody });
			return {
				status: response.status,
				body: await response.text(),
				url: subscription.url,
				headers,
			};
		},
	};
}
