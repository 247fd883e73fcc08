import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { subscriptionSpecs } from './events';
import { isTestWebhook } from './n8nInternals';
import type { Registration, RegistrationMode, TriggerStaticData } from './registrations';
import {
	baseUrlOf,
	checkRegistration,
	createSubscriptions,
	deleteSubscriptions,
	prepareActivation,
	removeStaleProductionRegistrations,
	subscriptionsPath,
} from './registrations';
import { webhookUrlProblem } from './webhookUrl';

/**
 * n8n's webhook lifecycle for the trigger: one Bird subscription per selected event, made on activation
 * (or "Listen for test event") and removed on deactivation. Signing keys live in the node's static data.
 */

function registrationsOf(context: IHookFunctions): Record<string, Registration> {
	const staticData = context.getWorkflowStaticData('node') as TriggerStaticData;
	staticData.registrations = staticData.registrations ?? {};
	return staticData.registrations;
}

function wantedSpecs(context: IHookFunctions) {
	const events = context.getNodeParameter('events', []) as string[];
	const has = (event: string) => events.includes(event);
	return subscriptionSpecs({
		events,
		platform: context.getNodeParameter('platform', 'whatsapp') as string,
		channelId: context.getNodeParameter('channelId', '') as string,
		statuses: has('message.outbound') ? (context.getNodeParameter('statuses', []) as string[]) : [],
		interactionTypes: has('message.interaction')
			? (context.getNodeParameter('interactionTypes', []) as string[])
			: [],
	});
}

const registrationMode = (context: IHookFunctions): RegistrationMode =>
	isTestWebhook(context) ? 'test' : 'production';

async function checkExists(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const registrations = registrationsOf(this);
	const registration = registrations[url];
	if (!registration) return false;
	const path = await subscriptionsPath(this);
	const state = await checkRegistration(this, path, registration, wantedSpecs(this));
	if (state === 'missing') {
		// Rebuild from scratch: remove whatever is left so nothing is duplicated.
		await deleteSubscriptions(this, path, registration.subscriptions);
		delete registrations[url];
		return false;
	}
	return true;
}

async function create(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const specs = wantedSpecs(this);
	if (specs.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events: choose at least one event', {
			description: 'Pick the Bird events that should start this workflow.',
		});
	}
	const path = await subscriptionsPath(this);
	const problem = webhookUrlProblem(url, await baseUrlOf(this));
	if (problem)
		throw new NodeOperationError(this.getNode(), 'n8n webhook URL not accepted by Bird', {
			description: problem,
		});
	const mode = registrationMode(this);
	if (mode === 'production')
		await removeStaleProductionRegistrations(this, path, registrationsOf(this), url);
	// Subscriptions for this URL that static data no longer knows would only produce 401s; and a sixth
	// subscription of one combination is refused before anything is made.
	await prepareActivation(this, path, url, [], specs);
	const subscriptions = await createSubscriptions(this, path, url, specs);
	registrationsOf(this)[url] = { url, mode, subscriptions };
	return true;
}

async function remove(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const registrations = registrationsOf(this);
	const registration = registrations[url];
	// What create recorded for this URL wins: removing the test URL must never clean up production.
	const mode = registration?.mode ?? registrationMode(this);
	const stale = Object.entries(registrations).some(
		([other, r]) => other !== url && r.mode === 'production',
	);
	if (!registration && !(mode === 'production' && stale)) return true;
	const path = await subscriptionsPath(this);
	if (mode === 'production')
		await removeStaleProductionRegistrations(this, path, registrations, url);
	if (!registration) return true;
	const failed = await deleteSubscriptions(this, path, registration.subscriptions);
	if (failed.length) {
		// Keep what could not be removed, so the next attempt (n8n retries) can still delete it.
		registration.subscriptions = failed;
		return false;
	}
	delete registrations[url];
	return true;
}

export const webhookLifecycle = { checkExists, create, delete: remove };
