/**
 * The action node's description, checked against n8n's conventions and against what the request executor
 * relies on. These are the properties the editor, the AI-tool wrapper and the routing engine read; a slip
 * here (an operation without `routing.send.paginate`, a list without Limit) silently changes behaviour.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BirdConversations } from '../../../nodes/BirdConversations/BirdConversations.node';
import { executeBirdRequest } from '../../../nodes/BirdConversations/helpers/executor';
import {
	birdCredentials,
	guardNock,
	locator,
	runBirdNode,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../../harness';

const node = new BirdConversations();
const { description } = node;
const nodeDir = join(__dirname, '..', '..', '..', 'nodes', 'BirdConversations');

const resourceProperty = description.properties.find((p) => p.name === 'resource')!;
const resources = (resourceProperty.options as INodePropertyOptions[]).map((o) => String(o.value));
const operationProperty = (resource: string) =>
	description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	)!;
const operationsOf = (resource: string) =>
	operationProperty(resource).options as INodePropertyOptions[];
const allOperations = resources.flatMap((resource) =>
	operationsOf(resource).map(
		(operation) => [resource, String(operation.value), operation] as const,
	),
);

/** Whether `property` is shown for this resource and operation (ignoring deeper conditions). */
function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	if (!show) return true;
	if (show.resource && !show.resource.includes(resource)) return false;
	if (show.operation && !show.operation.includes(operation)) return false;
	return true;
}
const propertiesFor = (resource: string, operation: string) =>
	description.properties.filter((p) => shownFor(p, resource, operation));

describe('node identity', () => {
	it('is the declarative birdConversations node, version 1, usable as an AI tool', () => {
		expect(description).toMatchObject({
			name: 'birdConversations',
			displayName: 'Bird Conversations',
			version: 1,
			usableAsTool: true,
			subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
			icon: { light: 'file:../../icons/bird.svg', dark: 'file:../../icons/bird.dark.svg' },
			credentials: [{ name: 'birdConversationsApi', required: true }],
		});
		// Declarative: no execute(), requests come from routing; the executor is the pagination function.
		expect((node as { execute?: unknown }).execute).toBeUndefined();
		expect(description.requestOperations?.pagination).toBe(executeBirdRequest);
		expect(description.requestDefaults?.headers).toMatchObject({
			Accept: 'application/json',
			'Content-Type': 'application/json',
		});
	});

	it('points at icons that exist', () => {
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(join(nodeDir, file.replace(/^file:/, '')))).toBe(true);
		}
	});

	it('has a codex file in the Communication category with documentation links', () => {
		const codex = JSON.parse(readFileSync(join(nodeDir, 'BirdConversations.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-bird-conversations.birdConversations');
		expect(codex.categories).toEqual(['Communication']);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\/docs\.bird\.com\//);
		expect(codex.resources.credentialDocumentation[0].url).toMatch(/^https:\/\/docs\.bird\.com\//);
	});
});

describe('resources and operations', () => {
	it('offers Conversation, Message and Participant, and no selector accepts an expression', () => {
		expect(resources).toEqual(['conversation', 'message', 'participant']);
		expect(resourceProperty.noDataExpression).toBe(true);
		for (const resource of resources)
			expect(operationProperty(resource).noDataExpression).toBe(true);
	});

	it('covers every conversation and participant endpoint of docs/bird-api.md §2 and §4', () => {
		const routes = (resource: string) =>
			operationsOf(resource)
				.map((o) => `${o.value} ${o.routing?.request?.method}`)
				.sort();
		expect(routes('conversation')).toEqual([
			'create POST',
			'delete DELETE',
			'get GET',
			'getAll GET',
			'getManyByParticipant GET',
			'update PATCH',
		]);
		expect(routes('participant')).toEqual([
			'add POST',
			'get GET',
			'getAll GET',
			'remove DELETE',
			'update PATCH',
		]);
	});

	it.each(allOperations)(
		'%s → %s has an action sentence and goes through the request executor',
		(_resource, _operation, option) => {
			expect(option.action).toMatch(/^[A-Z][a-z]+ (a|an|many) /);
			expect(option.description).toEqual(expect.any(String));
			// routing.send.paginate makes n8n call requestOperations.pagination (our executor) instead of its own
			// single request; without it an operation would skip retries and error mapping. Every operation has
			// a routing, the coded one too: n8n 2.41 runs the AI-tool variant through RoutingNode, which never
			// looks at customOperations (test/e2e/ai-tool.test.ts calls it).
			expect(option.routing?.request?.method).toMatch(/^(GET|POST|PATCH|DELETE)$/);
			expect(option.routing?.send?.paginate).toBe(true);
		},
	);

	it('codes exactly one operation, Message → Send, and offers Concurrent Requests (1–50, default 10) on it', () => {
		const custom = (
			node as unknown as { customOperations: Record<string, Record<string, unknown>> }
		).customOperations;
		expect(
			Object.entries(custom).flatMap(([resource, ops]) =>
				Object.keys(ops).map((op) => `${resource} ${op}`),
			),
		).toEqual(['message send']);
		const options = propertiesFor('message', 'send').find((p) => p.name === 'options');
		const concurrency = options?.options?.find((o) => 'name' in o && o.name === 'concurrency') as
			{ default?: number; typeOptions?: Record<string, number> } | undefined;
		expect(concurrency?.default).toBe(10);
		expect(concurrency?.typeOptions).toEqual({ minValue: 1, maxValue: 50 });
	});

	it.each(allOperations)('%s → %s has a Max Retries option (default 3)', (resource, operation) => {
		const options = propertiesFor(resource, operation).filter((p) => p.name === 'options');
		expect(options).toHaveLength(1);
		const maxRetries = (options[0].options as INodeProperties[]).find(
			(o) => o.name === 'maxRetries',
		);
		expect(maxRetries).toMatchObject({ type: 'number', default: 3 });
	});

	const lists = allOperations.filter(
		([, operation]) => operation === 'getAll' || operation === 'getManyByParticipant',
	);
	it.each(lists)('%s → %s has Return All and Limit (default 50)', (resource, operation) => {
		const shown = propertiesFor(resource, operation);
		expect(shown.find((p) => p.name === 'returnAll')).toMatchObject({
			type: 'boolean',
			default: false,
		});
		const limit = shown.find((p) => p.name === 'limit');
		expect(limit).toMatchObject({
			type: 'number',
			default: 50,
			displayOptions: { show: { returnAll: [false] } },
		});
	});

	it('offers Simplify on every operation that returns conversations', () => {
		for (const operation of ['create', 'get', 'getAll', 'update', 'getManyByParticipant']) {
			const options = propertiesFor('conversation', operation).find((p) => p.name === 'options')!;
			expect((options.options as INodeProperties[]).map((o) => o.name)).toContain('simplify');
		}
	});
});

describe('Create → Participants rows', () => {
	/** The parameters n8n keeps for a node (as the editor saves them and the engine runs them). */
	function resolvedRows(rows: INodeParameters[]): INodeParameters[] {
		const parameters = {
			resource: 'conversation',
			operation: 'create',
			name: 'x',
			channelId: 'y',
			participants: { participant: rows },
		};
		const stub = { parameters, typeVersion: 1 } as unknown as INode;
		const resolved = NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			stub,
			description,
		)!;
		return ((resolved.participants as INodeParameters).participant as INodeParameters[]) ?? [];
	}

	it('show only the fields of the chosen kind', () => {
		const rows = resolvedRows([
			{
				kind: 'contactByIdentifier',
				identifierValue: '+31612345678',
				contactId: 'stale',
				participantId: 'stale',
			},
			{
				kind: 'contactById',
				contactId: 'c0a1b2c3-d4e5-4f60-8172-8394a5b6c701',
				identifierValue: 'stale',
			},
			{ kind: 'other', participantType: 'flow', participantId: 'f1', identifierValue: 'stale' },
		]);
		expect(rows).toEqual([
			{
				kind: 'contactByIdentifier',
				identifierKey: 'phonenumber',
				identifierValue: '+31612345678',
			},
			{ kind: 'contactById', contactId: 'c0a1b2c3-d4e5-4f60-8172-8394a5b6c701' },
			{ kind: 'other', participantType: 'flow', participantId: 'f1' },
		]);
	});
});

describe('conversation resource locator', () => {
	const locators = description.properties.filter((p) => p.name === 'conversationId');

	it('is on every operation that works inside one conversation', () => {
		for (const [resource, operation] of allOperations) {
			const inside = !(
				resource === 'conversation' &&
				['create', 'getAll', 'getManyByParticipant'].includes(operation)
			);
			const found = locators.filter((p) => shownFor(p, resource, operation));
			expect([resource, operation, found.length]).toEqual([resource, operation, inside ? 1 : 0]);
		}
	});

	it('lists through a listSearch method that exists, searchable, and validates By ID as a UUID', () => {
		for (const locator of locators) {
			expect(locator.type).toBe('resourceLocator');
			const list = locator.modes!.find((m) => m.name === 'list')!;
			expect(list.typeOptions).toMatchObject({ searchable: true });
			expect(
				node.methods.listSearch[list.typeOptions!.searchListMethod as 'searchConversations'],
			).toEqual(expect.any(Function));
			const byId = locator.modes!.find((m) => m.name === 'id')!;
			const regex = new RegExp(
				(byId.validation![0] as unknown as { properties: { regex: string } }).properties.regex,
			);
			expect(regex.test('67e4d358-ca94-421e-98b7-448860df9d33')).toBe(true);
			expect(regex.test('67e4d358-ca94-421e-98b7')).toBe(false);
			expect(regex.test('conversation 1')).toBe(false);
		}
	});
});

describe('request defaults', () => {
	guardNock();

	it('strips trailing slashes from the credential Base URL, so paths never start with //', async () => {
		const id = '67e4d358-ca94-421e-98b7-448860df9d33';
		const scope = nock(TEST_BASE_URL)
			.get(`${WORKSPACE_PATH}/conversations/${id}`)
			.matchHeader('accept', 'application/json')
			.reply(200, { id });
		const result = await runBirdNode(
			{
				resource: 'conversation',
				operation: 'get',
				conversationId: locator(id),
			},
			{ credentials: birdCredentials({ baseUrl: `${TEST_BASE_URL}//` }) },
		);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id }]);
		expect(scope.isDone()).toBe(true);
	});
});
