/**
 * A webhook processor killed in the middle of a burst loses nothing, because Bird retries what it could
 * not deliver: every customer message gets its reply (counted in the sandbox). What the crash costs in
 * duplicate runs is counted and reported, not asserted: the trigger's redelivery memory lives in the
 * process that was killed (docs/queue-mode.md). On a fresh stack of its own
 * (test/harness/queue-burst-stack.ts), apart from the 1,000 burst of trigger-burst.test.ts.
 *
 * Bird delivers through the stack's load balancer, which sends nothing to a processor until n8n reports it
 * ready (scripts/lib/n8n/load-balancer.ts): a starting n8n answers every request "200 n8n is starting up",
 * and Bird takes that as delivered (4 of 400 lost here without it). With the balancer, a second loss showed
 * under load: the trigger answered a retry "200 Already received" while the first attempt, still in n8n's
 * hands, then failed; such a retry now gets 503 (redelivery.ts). The 18 and 37 of 400 lost in earlier runs
 * were very likely one or both; their logs were not kept. A third, n8n failing a run it had already
 * acknowledged, is why the trigger here acknowledges only after the run (see ACKNOWLEDGE below).
 */
import {
	firstAttempt,
	repliesTo,
	reportBurst,
	sendInboundBurst,
	tally,
} from '../harness/queue-burst';
import {
	deliveriesSettled,
	executionsSettled,
	seconds,
	useBurstStack,
} from '../harness/queue-burst-stack';

jest.setTimeout(900_000);

/** Smaller than the burst: every delivery sent while the webhook processor is down comes back as a retry. */
const CRASH_BURST = 400;

// The trigger acknowledges each delivery only once its run succeeded (Acknowledge Delivery: After the Run
// Succeeded). On receipt, the default, n8n answers 200 before the run, and this case lost 15 of 400 in the
// fresh-clone CI run of 2 December (load about 4): n8n failed runs it had already acknowledged (Postgres
// timeouts around the restart, 53 failed executions), and Bird does not retry an acknowledged delivery.
// That variant runs with BIRD_QUEUE_CRASH=1 npm run test:queue -- test/queue/trigger-crash.
const ACKNOWLEDGE = process.env.BIRD_QUEUE_CRASH === '1' ? 'onReceipt' : 'afterRun';

describe(`Bird Conversations Trigger in n8n queue mode: a webhook processor crash (acknowledge ${ACKNOWLEDGE})`, () => {
	const burstStack = useBurstStack(ACKNOWLEDGE);

	it('a webhook processor killed and restarted mid-burst: Bird retries the rest, every message replied to, duplicates reported', async () => {
		const b = burstStack();
		const q = b.q;
		const before = new Set((await q.allExecutions(b.workflowId)).map((e) => e.id));
		let crash: Promise<void> | undefined;
		let killedAt = 0;
		let restartedAt = 0;
		const burst = await sendInboundBurst(q, CRASH_BURST, 'crash', {
			attempted: firstAttempt(q, b.webhookUrl),
			onSent: (sent) => {
				// A third of the way in, once some of this burst has already been taken.
				if (sent !== Math.floor(CRASH_BURST / 3) || crash) return;
				crash = (async () => {
					await q.stack.webhook.kill();
					killedAt = Date.now();
					await q.stack.webhook.start();
					restartedAt = Date.now();
				})();
			},
		});
		await crash;
		const deliveries = await deliveriesSettled(b, burst, 900_000);
		const all = await executionsSettled(b, burst, before, 600_000);
		const t = tally(all, burst.ids);
		const replies = repliesTo(q, burst.ids);
		const refusedWhileDown = deliveries.filter((d) => d.attempts.length > 1);
		reportBurst('trigger-webhook-crash', {
			messages: CRASH_BURST,
			executions: t.executions,
			lost: replies.lost.length,
			duplicates: replies.duplicates,
			duplicatedMessageIds: replies.duplicatedIds,
			unreadableExecutions: t.strangers,
			unfinished: t.unfinished,
			failed: t.failed,
			retriedDeliveries: refusedWhileDown.length,
			maxAttempts: Math.max(...deliveries.map((d) => d.attempts.length)),
			webhookDownSeconds: seconds(restartedAt - killedAt),
			lastDeliverySeconds: seconds(
				Math.max(...deliveries.map((d) => Date.parse(d.attempts.at(-1)?.at ?? ''))) -
					burst.startedAt,
			),
		});

		expect(killedAt).toBeGreaterThan(0);
		// The crash really hit the burst: Bird had to retry, and every delivery got through in the end.
		expect(refusedWhileDown.length).toBeGreaterThan(0);
		// …and the load balancer held deliveries back while the restarted processor was not yet ready (503).
		expect(deliveries.some((d) => d.attempts.some((a) => a.httpStatusCode === 503))).toBe(true);
		expect(deliveries).toHaveLength(CRASH_BURST);
		expect(deliveries.filter((d) => d.executionStatus !== 'succeeded')).toEqual([]);
		// Nothing lost: every message was replied to. Duplicates are in the report above.
		expect(replies.lost).toEqual([]);
		expect(t.lost.length).toBeLessThanOrEqual(t.strangers);
	});
});
