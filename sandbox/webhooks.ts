import axios from 'axios';

import { BirdHttpError, invalidPayload } from './errors';
import type { EmitEvent } from './domain';
import { signDelivery } from './signature';
import type { Delivery, Store, Subscription } from './store';
import { newId, now } from './store';

/**
 * Bird's URL rule for subscriptions (docs/bird-api.md §7.2): https and a real domain name, no IP, no port.
 * That is create's pattern; the newer update schema also allows `:port`, but the sandbox applies create's to both.
 */
const BIRD_URL_PATTERN = /^https:\/\/([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(\/[^\s]*)?$/;
const LOCAL_URL_PATTERN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s]*)?$/;
const MAX_PER_COMBINATION = 5;
/** docs/bird-api.md §5 and §7.3: the conversations service has exactly three events; channels events are `<platform>.<kind>` (§6.4). */
const CONVERSATION_EVENTS = [
	'conversation.created',
	'conversation.updated',
	'conversation.deleted',
];
const CHANNEL_EVENT = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/;
/** Filter keys documented per service (docs/bird-api.md §7.3); services whose filters were not recovered accept any key. */
const FILTER_KEYS: Record<string, string[]> = {
	conversations: ['channelId'],
	channels: [
		'channelId',
		'messageStatus',
		'interactionType',
		'platformId',
		'channelStatus',
		'status',
	],
	numbers: [],
};

export interface WebhookOptions {
	allowLocalWebhookUrls: boolean;
	/** Delays in ms before each retry; Bird retries for 8 hours at increasing intervals. */
	retrySchedule: number[];
	deliveryTimeoutMs: number;
}

/** Webhook subscriptions (docs/bird-api.md §7.1–§7.3) and deliveries with signatures and retries (§7.4–§7.5). */
export class Webhooks {
	private readonly timers = new Set<NodeJS.Timeout>();
	private closed = false;

	constructor(
		private readonly store: Store,
		private readonly options: WebhookOptions,
	) {}

	close(): void {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	/** Drops scheduled retries (on reset): a reset world should not keep posting events of the old one. */
	cancelRetries(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	checkUrl(url: string, path = '.url'): void {
		if (BIRD_URL_PATTERN.test(url)) return;
		if (this.options.allowLocalWebhookUrls && LOCAL_URL_PATTERN.test(url)) return;
		throw invalidPayload({
			[path]: [`Must match pattern ${BIRD_URL_PATTERN.source} (https and a domain name)`],
		});
	}

	private combinationKey(s: Pick<Subscription, 'service' | 'event' | 'eventFilters'>): string {
		const filters = [...s.eventFilters].sort((a, b) =>
			a.key + a.value < b.key + b.value ? -1 : 1,
		);
		return JSON.stringify([s.service, s.event, filters]);
	}

	/**
	 * 422 for an event or filter the service does not know (inferred: Bird's create page lists no error
	 * status, docs/bird-api.md §7.1; 422 is Bird's answer to an invalid body elsewhere, §1.2).
	 */
	private checkEventAndFilters(
		service: string,
		event: string | undefined,
		filters: Array<{ key: string }>,
	): void {
		if (event !== undefined) {
			const known =
				service === 'conversations'
					? CONVERSATION_EVENTS.includes(event)
					: service === 'channels'
						? CHANNEL_EVENT.test(event)
						: true;
			if (!known) {
				const hint =
					service === 'conversations'
						? CONVERSATION_EVENTS.join(', ')
						: '<platform>.inbound or <platform>.outbound, e.g. whatsapp.inbound';
				throw invalidPayload({
					'.event': [`Unknown event '${event}' for service '${service}'; expected ${hint}`],
				});
			}
		}
		const allowed = FILTER_KEYS[service];
		const details: Record<string, string[]> = {};
		filters.forEach((filter, index) => {
			if (allowed && !allowed.includes(filter.key)) {
				details[`.eventFilters[${index}].key`] = [
					allowed.length
						? `Must be one of: ${allowed.join(', ')}`
						: `Service '${service}' supports no filters`,
				];
			}
		});
		if (service === 'channels' && filters.filter((f) => f.key === 'channelId').length > 1) {
			details['.eventFilters'] = ['At most one channelId filter per subscription'];
		}
		if (Object.keys(details).length) throw invalidPayload(details);
	}

	create(organizationId: string, workspaceId: string, body: Record<string, any>): Subscription {
		this.checkUrl(body.url);
		this.checkEventAndFilters(body.service, body.event, body.eventFilters ?? []);
		const t = now();
		const subscription: Subscription = {
			id: newId(),
			organizationId,
			workspaceId,
			service: body.service,
			event: body.event,
			eventFilters: body.eventFilters ?? [],
			template: body.template,
			url: body.url,
			signingKey: body.signingKey,
			status: 'active',
			createdAt: t,
			updatedAt: t,
		};
		this.checkCombinationLimit(subscription);
		this.store.data.subscriptions.push(subscription);
		return subscription;
	}

	/** At most 5 subscriptions of a workspace share service, event and filters (docs/bird-api.md §7.3); `self` is the one being changed. */
	private checkCombinationLimit(candidate: Subscription, self?: Subscription): void {
		const key = this.combinationKey(candidate);
		const same = this.store.data.subscriptions.filter(
			(s) =>
				s !== self && s.workspaceId === candidate.workspaceId && this.combinationKey(s) === key,
		);
		if (same.length >= MAX_PER_COMBINATION) {
			// Bird's error beyond five is not documented (docs/bird-api.md §7.3); 422 is inferred.
			throw new BirdHttpError(
				422,
				'SubscriptionLimitReached',
				`At most ${MAX_PER_COMBINATION} subscriptions may share the same service, event and filters`,
			);
		}
	}

	update(subscription: Subscription, body: Record<string, any>): Subscription {
		if (body.url !== undefined) this.checkUrl(body.url);
		// `eventFilters: null` leaves the filters as they are (sandbox/validation.ts), so what is checked here is
		// exactly what gets stored, and no value can skip the limit.
		const eventFilters = (body.eventFilters ?? undefined) as
			Subscription['eventFilters'] | undefined;
		if (eventFilters !== undefined) {
			this.checkEventAndFilters(subscription.service, undefined, eventFilters);
			// Moving a subscription onto a full combination would dodge the limit that create enforces.
			this.checkCombinationLimit({ ...subscription, eventFilters }, subscription);
		}
		for (const field of ['template', 'url', 'signingKey', 'status'] as const) {
			if (body[field] !== undefined) (subscription as any)[field] = body[field];
		}
		if (eventFilters !== undefined) subscription.eventFilters = eventFilters;
		subscription.updatedAt = now();
		return subscription;
	}

	remove(subscription: Subscription): void {
		this.store.data.subscriptions = this.store.data.subscriptions.filter((s) => s !== subscription);
	}

	/** The domain's event sink: one delivery per matching active subscription; filters are ANDed. */
	readonly onEvent: EmitEvent = (event) => {
		if (this.closed) return;
		const values: Record<string, string> = { channelId: event.channelId };
		// Channels events can also be filtered on the message status (e.g. only `delivered` outbound messages).
		if (event.service === 'channels' && typeof event.payload.status === 'string')
			values.messageStatus = event.payload.status;
		// …and interaction events on the interaction's type (docs/bird-api.md §7.3: `interactionType`).
		if (
			event.service === 'channels' &&
			event.event.endsWith('.interaction') &&
			typeof event.payload.type === 'string'
		)
			values.interactionType = event.payload.type;
		for (const subscription of this.store.data.subscriptions) {
			if (subscription.workspaceId !== event.workspaceId || subscription.status !== 'active')
				continue;
			if (subscription.service !== event.service || subscription.event !== event.event) continue;
			if (!subscription.eventFilters.every((f) => values[f.key] === f.value)) continue;
			this.deliver(subscription, {
				service: event.service,
				event: event.event,
				payload: event.payload,
			});
		}
	};

	private deliver(subscription: Subscription, envelope: Record<string, unknown>): void {
		const body = JSON.stringify(envelope);
		// The timestamp and request ID are fixed at the first attempt; retries reuse them (inferred: Bird's logs
		// list attempts under one requestId, docs/bird-api.md §7.4; the timestamp is not documented).
		const timestamp = String(Math.floor(Date.now() / 1000));
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'messagebird-request-timestamp': timestamp,
			'messagebird-request-id': newId(),
		};
		if (subscription.signingKey) {
			headers['messagebird-signature'] = signDelivery(
				subscription.signingKey,
				timestamp,
				subscription.url,
				body,
			);
		}
		const delivery: Delivery = {
			requestId: headers['messagebird-request-id'],
			subscriptionId: subscription.id,
			workspaceId: subscription.workspaceId,
			url: subscription.url,
			event: String(envelope.event),
			service: String(envelope.service),
			timestamp,
			body,
			headers,
			attempts: [],
			executionStatus: 'pending',
			createdAt: now(),
		};
		this.store.data.deliveries.push(delivery);
		void this.attempt(delivery);
	}

	private async attempt(delivery: Delivery): Promise<void> {
		if (this.closed) return;
		// A retry goes out only while its subscription still exists and is active: after the trigger deleted
		// (or paused) it, the endpoint is gone, and Bird has nobody left to deliver to (UNCONFIRMED).
		const subscription = this.store.data.subscriptions.find(
			(s) => s.id === delivery.subscriptionId,
		);
		if (delivery.attempts.length > 0 && subscription?.status !== 'active') {
			delivery.executionStatus = 'failed';
			return;
		}
		const started = Date.now();
		let httpStatusCode: number | null = null;
		let error: string | undefined;
		try {
			const response = await axios.post(delivery.url, delivery.body, {
				headers: delivery.headers,
				timeout: this.options.deliveryTimeoutMs,
				validateStatus: () => true,
				transformRequest: [(data: unknown) => data],
				maxRedirects: 0,
			});
			httpStatusCode = response.status;
		} catch (e) {
			error = (e as Error).message;
		}
		// A reset while this attempt was in flight dropped the delivery: do not log or retry it.
		if (this.closed || !this.store.data.deliveries.includes(delivery)) return;
		delivery.attempts.push({
			attempt: delivery.attempts.length + 1,
			at: now(),
			httpStatusCode,
			error,
			durationMs: Date.now() - started,
		});
		if (httpStatusCode !== null && httpStatusCode >= 200 && httpStatusCode < 300) {
			delivery.executionStatus = 'succeeded';
			return;
		}
		const delay = this.options.retrySchedule[delivery.attempts.length - 1];
		if (delay === undefined) {
			delivery.executionStatus = 'failed';
			return;
		}
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void this.attempt(delivery);
		}, delay);
		timer.unref();
		this.timers.add(timer);
	}
}
