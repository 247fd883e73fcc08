/**
 * Shared helpers for the sandbox contract tests: a started sandbox with an axios client that never throws
 * on HTTP status (tests assert statuses themselves), and a local webhook receiver that records raw bodies.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { DEMO, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export { DEMO };

export const WS = DEMO.workspaceId;
export const ORG = DEMO.organizationId;

export interface Started {
	sandbox: Sandbox;
	/** Authenticated with the demo access key. */
	api: AxiosInstance;
	/** No Authorization header at all. */
	anonymous: AxiosInstance;
	/** Authenticated with a key that is only allowed on the other workspace. */
	otherKey: AxiosInstance;
}

function client(baseURL: string, secret?: string): AxiosInstance {
	return axios.create({
		baseURL,
		validateStatus: () => true,
		headers: secret ? { Authorization: `AccessKey ${secret}` } : {},
	});
}

export async function start(options: SandboxOptions = {}): Promise<Started> {
	const sandbox = await startSandbox({
		host: '127.0.0.1',
		port: 0,
		seed: 'demo',
		rateLimits: false,
		allowLocalWebhookUrls: true,
		retrySchedule: [30, 60, 90],
		statusProgressionMs: 0,
		...options,
	});
	return {
		sandbox,
		api: client(sandbox.url, DEMO.accessKey.secret),
		anonymous: client(sandbox.url),
		otherKey: client(sandbox.url, DEMO.otherAccessKey.secret),
	};
}

export const conversationsPath = `/workspaces/${WS}/conversations`;
export const subscriptionsPath = `/organizations/${ORG}/workspaces/${WS}/webhook-subscriptions`;

/** Waits until `check` returns a truthy value (polling), failing with `what` after `timeoutMs`. */
export async function eventually<T>(
	check: () => T | Promise<T>,
	what: string,
	timeoutMs = 5_000,
): Promise<Exclude<T, undefined | null | false>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value as Exclude<T, undefined | null | false>;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 15));
	}
}

export interface ReceivedRequest {
	/** Date.now() when the request had fully arrived. */
	at: number;
	path: string;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
}

/** A webhook endpoint on 127.0.0.1 that records every request and answers with the next queued status. */
export class Receiver {
	readonly requests: ReceivedRequest[] = [];
	/** Statuses for the next requests, in order; 200 once the queue is empty; 0 = never answer (a timeout). */
	readonly statuses: number[] = [];
	private server?: http.Server;
	url = '';

	async listen(): Promise<this> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				this.requests.push({
					at: Date.now(),
					path: request.url ?? '',
					headers: request.headers,
					rawBody: Buffer.concat(chunks),
				});
				const status = this.statuses.shift() ?? 200;
				if (status === 0) return;
				response.statusCode = status;
				response.end();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}

/** Bird's error envelope (docs/bird-api.md §1.2): code and message, optional per-field details. */
export function expectBirdError(response: AxiosResponse, status: number, code: string): void {
	expect({ status: response.status, code: response.data?.code }).toEqual({ status, code });
	expect(typeof response.data.message).toBe('string');
	expect(response.data.message.length).toBeGreaterThan(0);
}
