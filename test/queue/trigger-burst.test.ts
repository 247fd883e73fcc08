/**
 * A burst of real sandbox events through n8n's queue mode: 1,000 customer messages give exactly 1,000
 * successful executions, all on workers, and exactly one reply each (counted in the sandbox by the message
 * ID it quotes: none lost, none twice). The webhook-processor crash is trigger-crash.test.ts, on a fresh stack of its own.
 */
import {
	firstAttempt,
	placements,
	repliesTo,
	reportBurst,
	sendInboundBurst,
	tally,
} from '../harness/queue-burst';
import {
	deliveriesSettled,
	executionsSettled,
	perSecond,
	seconds,
	useBurstStack,
} from '../harness/queue-burst-stack';

jest.setTimeout(900_000);

const BURST = 1000;

describe('Bird Conversations Trigger in n8n queue mode: a burst', () => {
	const burstStack = useBurstStack();

	it(`${BURST} customer messages (10 deliveries in flight) give exactly ${BURST} executions and replies: none lost, none twice, all on workers`, async () => {
		const b = burstStack();
		const q = b.q;
		const burst = await sendInboundBurst(q, BURST, 'burst', {
			attempted: firstAttempt(q, b.webhookUrl),
		});
		const deliveries = await deliveriesSettled(b, burst, 600_000);
		const delivered = Date.now();
		const all = await executionsSettled(b, burst, new Set(), 600_000);
		const t = tally(all, burst.ids);
		const replies = repliesTo(q, burst.ids);
		const stops = all.map((e) => Date.parse(e.stoppedAt ?? '')).filter((n) => !Number.isNaN(n));
		const ranOn = placements(q);
		const onWorker = q.stack.workers.map(
			(w) => all.filter((e) => ranOn.get(e.id)?.includes(w.name)).length,
		);
		reportBurst('trigger-burst', {
			messages: BURST,
			executions: t.executions,
			lost: replies.lost.length,
			duplicates: replies.duplicates,
			unreadableExecutions: t.strangers,
			unfinished: t.unfinished,
			failed: t.failed,
			retriedDeliveries: deliveries.filter((d) => d.attempts.length > 1).length,
			sendSeconds: seconds(burst.sentAt - burst.startedAt),
			deliveredSeconds: seconds(delivered - burst.startedAt),
			executedSeconds: seconds(Math.max(...stops) - burst.startedAt),
			executionsPerSecond: perSecond(BURST, Math.max(...stops) - burst.startedAt),
			perWorker: Object.fromEntries(q.stack.workers.map((w, i) => [w.name, onWorker[i]])),
		});

		expect(deliveries).toHaveLength(BURST);
		expect(deliveries.filter((d) => d.executionStatus !== 'succeeded')).toEqual([]);
		expect({
			executions: t.executions,
			succeeded: t.succeeded,
			lost: replies.lost,
			duplicatedIds: replies.duplicatedIds,
		}).toEqual({ executions: BURST, succeeded: BURST, lost: [], duplicatedIds: [] });
		// Where n8n saved the data, each execution is for a message of the burst, and for one only.
		expect(t.duplicatedIds).toEqual([]);
		expect(t.lost.length).toBeLessThanOrEqual(t.strangers);
		// Every execution ran on exactly one worker, by the workers' own logs.
		expect(all.filter((e) => ranOn.get(e.id)?.length !== 1).map((e) => e.id)).toEqual([]);
		// …and the harness's own reading agrees for a sample.
		expect(q.stack.ranOn(all[0].id)).toEqual(ranOn.get(all[0].id));
		expect(onWorker.reduce((a, b) => a + b, 0)).toBe(BURST);
	});
});
