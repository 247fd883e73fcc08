/**
 * The set-up the webhook test files share: one sandbox with a short retry schedule, a local receiver, a
 * reset before each test, and helpers to subscribe and to simulate inbound messages.
 */
import { timingSafeEqual } from 'crypto';

import { birdSignature } from '../harness/birdSignature';
import {
	DEMO,
	Receiver,
	start,
	subscriptionsPath,
	type ReceivedRequest,
	type Started,
} from './support';

/** Checks a delivery's signature with the tests' own signer (test/harness/birdSignature.ts), not the sandbox's. */
export function verify(
	signingKey: string,
	url: string,
	timestamp: string,
	rawBody: Buffer,
	signature: string,
): boolean {
	const computed = Buffer.from(birdSignature(signingKey, timestamp, url, rawBody), 'base64');
	const expected = Buffer.from(signature, 'base64');
	return expected.length === computed.length && timingSafeEqual(expected, computed);
}

export const signingKey = 'KeV+/HGoIQrxuE5YPCRR6AuQOJveldYNNhbVi1i22qk=';

export const header = (r: ReceivedRequest, name: string) => String(r.headers[name]);

/** Registers the hooks; `ready` receives the sandbox and the receiver once they run. */
export function useWebhookWorld(ready: (s: Started, receiver: Receiver) => void) {
	let s: Started;
	let receiver: Receiver;
	beforeAll(async () => {
		s = await start({ retrySchedule: [40, 80, 120] });
		receiver = await new Receiver().listen();
		ready(s, receiver);
	});
	afterAll(async () => {
		await s.sandbox.close();
		await receiver.close();
	});
	beforeEach(async () => {
		await s.api.post('/_sandbox/reset', { seed: 'demo' });
		receiver.requests.length = 0;
		receiver.statuses.length = 0;
	});

	async function subscribe(body: Record<string, unknown>) {
		const response = await s.api.post(subscriptionsPath, {
			url: `${receiver.url}/hook`,
			signingKey,
			...body,
		});
		expect(response.status).toBe(201);
		return response.data as { id: string; url: string };
	}

	const inbound = (
		identifierValue: string,
		text: string,
		channelId: string = DEMO.channels.whatsapp,
	) =>
		s.api.post(`/_sandbox/channels/${channelId}/inbound`, {
			contact: { identifierKey: 'phonenumber', identifierValue, displayName: 'Tess Ter' },
			text,
		});

	return { subscribe, inbound };
}
