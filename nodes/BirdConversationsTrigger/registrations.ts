import { randomBytes } from 'crypto';

import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../shared/errors';
import {
	birdApiRequest,
	getBirdCredentials,
	normaliseBaseUrl,
	workspaceSegment,
} from '../shared/transport';
import type { SubscriptionSpec } from './events';
import { sameFilters } from './events';

/** One Bird webhook subscription this node made, with the signing key only n8n knows. */
export interface StoredSubscription extends SubscriptionSpec {
	id: string;
	signingKey: string;
}

/** 'test' for "Listen for test event" (n8n's manual mode), 'production' for an active workflow. */
export type RegistrationMode = 'production' | 'test';

/** Everything registered for one webhook URL (test and production URLs are kept apart). */
export interface Registration {
	url: string;
	mode?: RegistrationMode;
	subscriptions: StoredSubscription[];
}

export type TriggerStaticData = IDataObject & { registrations?: Record<string, Registration> };

/** At least 32 random bytes of entropy, as ASCII (base64url) so every HMAC library reads it the same. */
export function newSigningKey(): string {
	return randomBytes(32).toString('base64url');
}

const statusOf = (error: unknown) => String((error as NodeApiError).httpCode ?? '');
const isNotFound = (error: unknown) => statusOf(error) === '404';
/** A rejected or under-privileged key will not fix itself: that is misconfiguration, not an outage. */
const isAuthProblem = (error: unknown) => ['401', '403'].includes(statusOf(error));

export async function subscriptionsPath(context: IHookFunctions): Promise<string> {
	const credentials = await getBirdCredentials.call(context);
	const organizationId = String(credentials.organizationId ?? '').trim();
	if (!organizationId) {
		throw new NodeOperationError(
			context.getNode(),
			'Organization ID: the Bird Conversations API credential has no Organization ID',
			{
				description:
					'Bird keeps webhook subscriptions under the organization. Open the credential and enter the Organization ID (shown in the app.bird.com URL on the Access keys page), then activate the workflow again.',
			},
		);
	}
	return `/organizations/${encodeURIComponent(organizationId)}/workspaces/${workspaceSegment(credentials.workspaceId)}/webhook-subscriptions`;
}

export async function baseUrlOf(context: IHookFunctions): Promise<string> {
	return normaliseBaseUrl((await getBirdCredentials.call(context)).baseUrl);
}

/** Deletes subscriptions, tolerating ones Bird no longer has; returns those that could not be deleted. */
export async function deleteSubscriptions(
	context: IHookFunctions,
	path: string,
	subscriptions: StoredSubscription[],
): Promise<StoredSubscription[]> {
	const failed: StoredSubscription[] = [];
	for (const subscription of subscriptions) {
		try {
			await birdApiRequest.call(
				context,
				'DELETE',
				`${path}/${encodeURIComponent(subscription.id)}`,
				{ resourceLabel: 'webhook subscription', resourceId: subscription.id },
			);
		} catch (error) {
			if (!isNotFound(error)) failed.push(subscription);
		}
	}
	return failed;
}

/**
 * Whether every stored subscription still exists on Bird with the same URL, event and filters.
 * 'missing' means at least one is gone or changed; 'unknown' means Bird could not be asked (then nothing
 * is recreated, so a passing outage never produces duplicates).
 */
export async function checkRegistration(
	context: IHookFunctions,
	path: string,
	registration: Registration,
	wanted: SubscriptionSpec[],
): Promise<'ok' | 'missing' | 'unknown'> {
	const key = (s: SubscriptionSpec) => `${s.service}|${s.event}|${JSON.stringify(s.eventFilters)}`;
	const storedKeys = registration.subscriptions.map(key).sort().join('\n');
	if (storedKeys !== wanted.map(key).sort().join('\n')) return 'missing';
	for (const stored of registration.subscriptions) {
		let remote: IDataObject;
		try {
			remote = await birdApiRequest.call(
				context,
				'GET',
				`${path}/${encodeURIComponent(stored.id)}`,
				{ resourceLabel: 'webhook subscription', resourceId: stored.id, maxRetries: 1 },
			);
		} catch (error) {
			if (isNotFound(error)) return 'missing';
			if (isAuthProblem(error)) throw asNodeError(context.getNode(), error);
			return 'unknown';
		}
		if (
			remote.url !== registration.url ||
			remote.event !== stored.event ||
			remote.service !== stored.service ||
			!sameFilters(remote.eventFilters, stored.eventFilters)
		) {
			return 'missing';
		}
		if (remote.status && remote.status !== 'active') return 'missing';
	}
	return 'ok';
}

/** Creates one subscription per spec; if one fails, removes those already made and rethrows. */
export async function createSubscriptions(
	context: IHookFunctions,
	path: string,
	url: string,
	specs: SubscriptionSpec[],
): Promise<StoredSubscription[]> {
	const created: StoredSubscription[] = [];
	for (const spec of specs) {
		const signingKey = newSigningKey();
		try {
			const response = await birdApiRequest.call(context, 'POST', path, {
				body: {
					service: spec.service,
					event: spec.event,
					eventFilters: spec.eventFilters,
					url,
					signingKey,
				},
				resourceLabel: 'webhook subscription',
				fieldNames: {
					'.url': 'n8n webhook URL',
					'.event': 'Events',
					'.eventFilters': 'Channel ID',
				},
			});
			created.push({ ...spec, id: String(response.id), signingKey });
		} catch (error) {
			const leftOver = await deleteSubscriptions(context, path, created);
			const cleanup = created.length
				? leftOver.length
					? `${leftOver.length} of the ${created.length} subscriptions already made could not be removed; they are removed on the next activation.`
					: `The ${created.length} subscription(s) already made for other events were removed again.`
				: '';
			const summary = `Could not subscribe to "${spec.event}"`;
			if (error instanceof NodeApiError) {
				// Keep Bird's code, details and status; say which event failed and what was undone.
				error.message = `${summary}: ${error.message}`;
				error.description = [error.description, cleanup].filter(Boolean).join('\n');
				throw asNodeError(context.getNode(), error);
			}
			throw new NodeOperationError(context.getNode(), `${summary}: ${(error as Error).message}`, {
				description: cleanup || undefined,
			});
		}
	}
	return created;
}

/** Upper bound on list pages read (100 subscriptions per page). */
const MAX_LIST_PAGES = 20;

/** Bird's limit of subscriptions sharing service, event and filters (docs/bird-api.md §7.3). */
export const MAX_PER_COMBINATION = 5;

/** Every subscription of the workspace, as far as MAX_LIST_PAGES pages go. */
async function listSubscriptions(context: IHookFunctions, path: string): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	let pageToken: string | undefined;
	for (let page = 0; page < MAX_LIST_PAGES; page++) {
		const qs: IDataObject = { limit: 100 };
		if (pageToken) qs.pageToken = pageToken;
		const response = await birdApiRequest.call(context, 'GET', path, {
			qs,
			resourceLabel: 'webhook subscription list',
			maxRetries: 1,
		});
		all.push(...((Array.isArray(response.results) ? response.results : []) as IDataObject[]));
		pageToken =
			typeof response.nextPageToken === 'string' && response.nextPageToken
				? response.nextPageToken
				: undefined;
		if (!pageToken) break;
	}
	return all;
}

const describeFilters = (filters: SubscriptionSpec['eventFilters']) =>
	filters.length
		? ` with ${filters.map((f) => `${f.key}=${f.value}`).join(', ')}`
		: ' without filters';

/**
 * Prepares activation against what Bird already holds:
 * - deletes subscriptions that point at this webhook URL but are not in `keepIds`: left behind when static
 *   data was lost (n8n stopped between Bird's answer and the save, a restored database, a copied workflow).
 *   Their signing keys are unknown here, so every delivery they send would be refused with 401 and retried
 *   by Bird for hours, and they count towards Bird's limit. The URL carries this node's webhook ID, so
 *   nothing else can own them;
 * - refuses to start when a wanted subscription would be the sixth of its combination, naming the event
 *   and filters, before anything is created.
 * Best effort: if Bird cannot be asked, activation goes on (Bird itself still enforces its limit).
 */
export async function prepareActivation(
	context: IHookFunctions,
	path: string,
	url: string,
	keepIds: string[],
	wanted: SubscriptionSpec[],
): Promise<void> {
	let existing: IDataObject[];
	try {
		existing = await listSubscriptions(context, path);
	} catch (error) {
		if (isAuthProblem(error)) throw asNodeError(context.getNode(), error);
		return;
	}
	const orphans = existing.filter((s) => s.url === url && !keepIds.includes(String(s.id)));
	await deleteSubscriptions(
		context,
		path,
		orphans.map((s) => ({
			id: String(s.id),
			service: s.service as SubscriptionSpec['service'],
			event: String(s.event),
			eventFilters: [],
			signingKey: '',
		})),
	);
	const others = existing.filter((s) => s.url !== url);
	for (const spec of wanted) {
		const same = others.filter(
			(s) =>
				s.service === spec.service &&
				s.event === spec.event &&
				sameFilters(s.eventFilters, spec.eventFilters),
		);
		if (same.length >= MAX_PER_COMBINATION) {
			throw new NodeOperationError(
				context.getNode(),
				`Bird allows at most ${MAX_PER_COMBINATION} subscriptions to "${spec.event}"${describeFilters(spec.eventFilters)}, and this workspace has ${same.length}`,
				{
					description:
						'Other workflows or integrations already use them all. Remove one in Bird (or deactivate a workflow that uses it), or narrow this trigger with a Channel ID, then activate again.',
				},
			);
		}
	}
}

/**
 * Removes production registrations made for another URL than n8n's current one, i.e. before WEBHOOK_URL
 * changed: n8n no longer listens there and nothing else would ever delete them. Test registrations are
 * left alone ("Listen for test event" removes its own, and the editor may be listening right now).
 * What cannot be deleted stays stored, so a later activation or deactivation tries again.
 */
export async function removeStaleProductionRegistrations(
	context: IHookFunctions,
	path: string,
	registrations: Record<string, Registration>,
	currentUrl: string,
): Promise<void> {
	for (const [url, registration] of Object.entries(registrations)) {
		if (url === currentUrl || registration.mode !== 'production') continue;
		const failed = await deleteSubscriptions(context, path, registration.subscriptions);
		if (failed.length) registration.subscriptions = failed;
		else delete registrations[url];
	}
}
