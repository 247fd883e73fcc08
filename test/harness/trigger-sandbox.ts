import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { DEMO, startSandbox } from '../../sandbox/server';
import type { BirdTestCredentials } from './bird';

/**
 * The Bird sandbox and a local "n8n" address for trigger tests. The receiver stands where n8n's webhook
 * server would: the sandbox posts signed deliveries to it, and the test hands each recorded request
 * (raw bytes and headers, exactly as received) to the trigger's `webhook()`.
 */

export interface ReceivedRequest {
	path: string;
	headers: Record<string, string>;
	rawBody: Buffer;
}

export interface Receiver {
	/** e.g. http://127.0.0.1:41234 — use as the trigger world's publicUrl. */
	url: string;
	requests: ReceivedRequest[];
	/** Resolves once `count` requests have arrived (polls; gives up after `timeoutMs`). */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
	/** Answer the next `count` requests with `status` (e.g. 500, so the sandbox retries like Bird). */
	failNext(count: number, status?: number): void;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const failures = { count: 0, status: 500 };
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(req.headers))
				if (typeof value === 'string') headers[name] = value;
			requests.push({ path: req.url ?? '', headers, rawBody: Buffer.concat(chunks) });
			res.statusCode = 200;
			if (failures.count > 0) {
				failures.count--;
				res.statusCode = failures.status;
			}
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		async waitFor(count, timeoutMs = 5000) {
			const started = Date.now();
			while (requests.length < count) {
				if (Date.now() - started > timeoutMs)
					throw new Error(`Expected ${count} deliveries, got ${requests.length}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			return requests.slice(0, count);
		},
		failNext(count, status = 500) {
			failures.count = count;
			failures.status = status;
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export async function startTriggerSandbox(): Promise<Sandbox> {
	return await startSandbox({
		host: '127.0.0.1',
		port: 0,
		seed: 'demo',
		rateLimits: false,
		allowLocalWebhookUrls: true,
		// One quick retry, so a delivery the receiver refused comes back as Bird's retries do.
		retrySchedule: [30],
		statusProgressionMs: 0,
	});
}

export function sandboxCredentials(sb: Sandbox): BirdTestCredentials {
	return {
		accessKey: DEMO.accessKey.secret,
		workspaceId: DEMO.workspaceId,
		organizationId: DEMO.organizationId,
		baseUrl: sb.url,
	};
}

export interface SandboxSubscription {
	id: string;
	service: string;
	event: string;
	url: string;
	eventFilters: Array<{ key: string; value: string }>;
	signingKey?: string;
	status: string;
}

/** Every subscription the sandbox holds, signing keys included (test-only control route). */
export async function sandboxSubscriptions(sb: Sandbox): Promise<SandboxSubscription[]> {
	const { data } = await axios.get<{ results: SandboxSubscription[] }>(
		`${sb.url}/_sandbox/webhook-subscriptions`,
	);
	return data.results;
}

export function subscriptionsPath(): string {
	return `/organizations/${DEMO.organizationId}/workspaces/${DEMO.workspaceId}/webhook-subscriptions`;
}

/** A call to the sandbox's Bird API with the demo key, as Bird's own UI or another tool would make it. */
export async function birdCall(
	sb: Sandbox,
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
	path: string,
	body?: IDataObject,
) {
	return await axios.request({
		method,
		url: `${sb.url}${path}`,
		data: body,
		headers: {
			Authorization: `AccessKey ${DEMO.accessKey.secret}`,
			'Content-Type': 'application/json',
		},
		validateStatus: () => true,
	});
}

/** A contact with no conversation in the demo seed, so their first message creates one. */
export const NEW_CONTACT = {
	identifierKey: 'phonenumber',
	identifierValue: '+31687654321',
	displayName: 'Eva Smit',
};
/** John Doe already has an active WhatsApp conversation in the demo seed: his message updates it. */
export const JOHN = {
	identifierKey: 'phonenumber',
	identifierValue: '+31612345678',
	displayName: 'John Doe',
};

export async function simulateInbound(
	sb: Sandbox,
	channelId: string,
	text: string,
	contact: IDataObject = JOHN,
) {
	const { data } = await axios.post<{ conversation: IDataObject; message: IDataObject }>(
		`${sb.url}/_sandbox/channels/${channelId}/inbound`,
		{
			contact,
			text,
		},
	);
	return data;
}

export { DEMO };
