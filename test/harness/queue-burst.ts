/**
 * Bursts of real sandbox deliveries against a queue-mode stack, and the tally of what n8n made of them:
 * which customer message each execution ran for (read from the trigger's item in the execution data),
 * so a lost event and a duplicate run are told apart by message ID rather than by counts alone.
 *
 *   const burst = await sendInboundBurst(q, 1000, 'burst-1');   // 1,000 customer messages, 10 at a time
 *   const t = tally(await q.allExecutions(workflowId, true), burst.ids);
 *   t.lost / t.duplicates / t.unfinished ...
 *   reportBurst('trigger-burst', {...});                         // printed and written to .cache/
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nExecution } from '../../scripts/lib/n8n';
import { REPO_ROOT } from '../../scripts/lib/n8n/runtime';
import type { Delivery } from '../../sandbox/records';
import { DEMO, JOHN, type QueueE2eStack } from './queue';

export interface Burst {
	/** Message IDs in the order they were sent. */
	ids: string[];
	startedAt: number;
	sentAt: number;
}

/**
 * `count` customer messages from John on the demo WhatsApp channel (his conversation exists, so each is
 * one `whatsapp.inbound` event), `concurrency` at a time; `onSent(n)` after each, e.g. to crash a process.
 * With `attempted` (e.g. `firstAttempt(q, url)`), a lane waits for its delivery's first attempt.
 */
export async function sendInboundBurst(
	q: Pick<QueueE2eStack, 'inbound'>,
	count: number,
	label: string,
	options: {
		concurrency?: number;
		onSent?: (sent: number) => void | Promise<void>;
		/** Resolves once Bird has made its first attempt at the message's delivery (see firstAttempt). */
		attempted?: (messageId: string) => Promise<void>;
	} = {},
): Promise<Burst> {
	const ids: string[] = new Array<string>(count);
	const startedAt = Date.now();
	let next = 0;
	let sent = 0;
	const lane = async () => {
		while (next < count) {
			const index = next++;
			const { message } = await q.inbound(
				DEMO.channels.whatsapp,
				`${label} #${String(index + 1).padStart(4, '0')}`,
				JOHN,
			);
			ids[index] = message.id;
			// A lane goes on once its delivery was tried, so at most `concurrency` first attempts are in
			// flight at once (retries come on top): Bird's own concurrency is not documented, and an unbounded
			// flood against 10 s timeouts only measures how fast a 2-core machine falls behind.
			await options.attempted?.(message.id);
			await options.onSent?.(++sent);
		}
	};
	await Promise.all(Array.from({ length: options.concurrency ?? 10 }, lane));
	return { ids, startedAt, sentAt: Date.now() };
}

/** The Bird message ID an execution of the trigger ran for (a queued-but-never-run one included). */
export function messageIdOf(
	execution: N8nExecution,
	triggerName = 'Bird Trigger',
): string | undefined {
	const ran = execution.data?.resultData.runData[triggerName]?.[0]?.data?.main?.[0]?.[0]?.json;
	const queued = (
		execution.data as
			| { executionData?: { nodeExecutionStack?: Array<{ data?: { main?: unknown[][] } }> } }
			| undefined
	)?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0] as
		{ json?: Record<string, unknown> } | undefined;
	const payload = (ran ?? queued?.json)?.payload as { id?: unknown } | undefined;
	return typeof payload?.id === 'string' ? payload.id : undefined;
}

export interface Tally {
	executions: number;
	/** Executions that reached status success. */
	succeeded: number;
	/** Ended in another status (error, crashed, canceled). */
	failed: number;
	/** Not stopped (new, queued, running): e.g. created by a webhook processor killed before queuing it. */
	unfinished: number;
	/** Burst messages with no successful execution. */
	lost: string[];
	/** Successful executions beyond the first per message. */
	duplicates: number;
	duplicatedIds: string[];
	/** Executions whose message is not in the burst (or unreadable). */
	strangers: number;
}

export function tally(executions: N8nExecution[], ids: string[]): Tally {
	const wanted = new Set(ids);
	const successes = new Map<string, number>();
	let strangers = 0;
	for (const execution of executions) {
		const id = messageIdOf(execution);
		if (!id || !wanted.has(id)) {
			strangers++;
			continue;
		}
		if (execution.status === 'success') successes.set(id, (successes.get(id) ?? 0) + 1);
	}
	const duplicatedIds = [...successes].filter(([, n]) => n > 1).map(([id]) => id);
	return {
		executions: executions.length,
		succeeded: executions.filter((e) => e.status === 'success').length,
		failed: executions.filter((e) => e.stoppedAt && e.status !== 'success').length,
		unfinished: executions.filter((e) => !e.stoppedAt).length,
		lost: ids.filter((id) => !successes.has(id)),
		duplicates: [...successes.values()].reduce((sum, n) => sum + n - 1, 0),
		duplicatedIds,
		strangers,
	};
}

/** The burst workflow replies `handled <message ID>` to each customer message (queue-burst-stack.ts). */
export const REPLY_PREFIX = 'handled ';

/**
 * What the customers saw: the burst workflow's replies in the sandbox, per message. This is the count the
 * tests assert on. The executions' own data is not enough: when its database is slow, n8n 2.41 saves a
 * successful run without its data ("Could not check for resolvable credentials; redacting run"), and such a
 * run cannot be told from a lost one.
 */
export function repliesTo(
	q: Pick<QueueE2eStack, 'sandbox'>,
	ids: string[],
): { lost: string[]; duplicates: number; duplicatedIds: string[] } {
	const replies = new Map<string, number>();
	for (const message of q.sandbox.context.store.data.messages) {
		const text = (message.body as { text?: { text?: string } } | undefined)?.text?.text ?? '';
		if (text.startsWith(REPLY_PREFIX)) {
			const id = text.slice(REPLY_PREFIX.length);
			replies.set(id, (replies.get(id) ?? 0) + 1);
		}
	}
	const duplicatedIds = ids.filter((id) => (replies.get(id) ?? 0) > 1);
	return {
		lost: ids.filter((id) => !replies.has(id)),
		duplicates: ids.reduce((sum, id) => sum + Math.max(0, (replies.get(id) ?? 0) - 1), 0),
		duplicatedIds,
	};
}

/** The sandbox's deliveries (read in process) of the burst's messages to `url`, by message ID. */
export function deliveriesOf(
	q: Pick<QueueE2eStack, 'sandbox'>,
	ids: string[],
	url: string,
): Array<Delivery & { messageId: string }> {
	const wanted = new Set(ids);
	return q.sandbox.context.store.data.deliveries
		.filter((d) => d.url === url)
		.map((d) => ({ ...d, messageId: String((JSON.parse(d.body) as BirdBody).payload?.id) }))
		.filter((d) => wanted.has(d.messageId));
}

type BirdBody = { payload?: { id?: unknown } };

/** For sendInboundBurst's `attempted`: polls the sandbox until the message's delivery to `url` was tried. */
export function firstAttempt(
	q: Pick<QueueE2eStack, 'sandbox'>,
	url: string,
): (messageId: string) => Promise<void> {
	return async (messageId) => {
		const needle = `"id":"${messageId}"`;
		for (;;) {
			const deliveries = q.sandbox.context.store.data.deliveries;
			// Newest first: the delivery was made moments ago.
			for (let i = deliveries.length - 1; i >= 0; i--) {
				const d = deliveries[i];
				if (d.url === url && d.body.includes(needle) && d.attempts.length > 0) return;
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	};
}

/** Prints a burst's figures and writes them to .cache/test-results/queue/<name>.json, for the record. */
export function reportBurst(name: string, figures: Record<string, unknown>): void {
	const folder = join(REPO_ROOT, '.cache', 'test-results', 'queue');
	mkdirSync(folder, { recursive: true });
	const file = join(folder, `${name}.json`);
	writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
	console.log(`[${name}] ${JSON.stringify(figures)}\n(written to ${file})`);
}

/** Execution ID → the workers whose log says they started it; one read of each log (cf. stack.ranOn). */
export function placements(q: Pick<QueueE2eStack, 'stack'>): Map<string, string[]> {
	const byExecution = new Map<string, string[]>();
	for (const worker of q.stack.workers)
		for (const match of worker.log().matchAll(/Worker started execution (\S+) /g))
			byExecution.set(match[1], [...(byExecution.get(match[1]) ?? []), worker.name]);
	return byExecution;
}
