/**
 * The parameters a saved workflow stores, per resource and operation, must not change: a workflow's JSON holds
 * parameter names, option values and (by omission) defaults, so renaming one, dropping an option value, moving a
 * field to other conditions or changing a default silently changes what old workflows do. The list below was
 * captured from the description before the descriptions were factored into builders; labels, descriptions and
 * option order are free to change, these lines are not. Each line reads
 * `path: type = default {option values, sorted}` plus the field's display conditions other than resource and
 * operation; collection children are `parent.child`, fixedCollection values `parent.group.child`.
 * Adding a parameter means adding its line here; changing a line needs a migration for stored workflows.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { BirdConversations } from '../../../nodes/BirdConversations/BirdConversations.node';

const { description } = new BirdConversations();

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	if (!show) return true;
	if (show.resource && !show.resource.includes(resource)) return false;
	if (show.operation && !show.operation.includes(operation)) return false;
	return true;
}

function conditions(property: INodeProperties): string {
	const parts: string[] = [];
	for (const [kind, rules] of Object.entries(property.displayOptions ?? {})) {
		for (const [key, values] of Object.entries(rules ?? {})) {
			if (key === 'resource' || key === 'operation') continue;
			parts.push(`${kind} ${key}=${JSON.stringify(values)}`);
		}
	}
	return parts.length ? ` if ${parts.join(', ')}` : '';
}

/** One line per stored parameter, the children of collections and fixedCollections included. */
function storedLines(property: INodeProperties, prefix = ''): string[] {
	const path = `${prefix}${property.name}`;
	let line = `${path}: ${property.type} = ${JSON.stringify(property.default)}`;
	if (property.type === 'options' || property.type === 'multiOptions') {
		const values = (property.options as INodePropertyOptions[]).map((o) => String(o.value));
		line += ` {${values.sort().join('|')}}`;
	}
	if (property.type === 'resourceLocator')
		line += ` modes ${property.modes!.map((m) => m.name).join('|')}`;
	line += conditions(property);
	const lines = [line];
	if (property.type === 'collection')
		for (const child of property.options as INodeProperties[])
			lines.push(...storedLines(child, `${path}.`));
	if (property.type === 'fixedCollection')
		for (const group of property.options as INodePropertyCollection[])
			for (const child of group.values) lines.push(...storedLines(child, `${path}.${group.name}.`));
	return lines;
}

function storedParameters(): Record<string, string[]> {
	const result: Record<string, string[]> = {};
	const resources = description.properties.find((p) => p.name === 'resource')!
		.options as INodePropertyOptions[];
	for (const { value: resource } of resources) {
		const operations = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(String(resource)),
		)!.options as INodePropertyOptions[];
		for (const { value: operation } of operations) {
			result[`${resource} ${operation}`] = description.properties
				.filter((p) => shownFor(p, String(resource), String(operation)))
				.flatMap((p) => storedLines(p))
				.sort();
		}
	}
	return result;
}

const STORED: Record<string, string[]> = {
	'conversation create': [
		'additionalFields.accessibility: options = "open" {invite-only|open|private|request-to-join}',
		'additionalFields.attributes.attribute.key: string = ""',
		'additionalFields.attributes.attribute.value: string = ""',
		'additionalFields.attributes: fixedCollection = {}',
		'additionalFields.description: string = ""',
		'additionalFields.reference: string = ""',
		'additionalFields.visibility: options = "public" {direct|group|private|public}',
		'additionalFields: collection = {}',
		'channelId: string = ""',
		'initialMessageText: string = "" if show initialMessageType=["text"]',
		'initialMessageType: options = "none" {none|template|text}',
		'name: string = ""',
		'operation: options = "create" {create|delete|get|getAll|getManyByParticipant|update}',
		'options.maxRetries: number = 3',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'participants.participant.contactId: string = "" if show kind=["contactById"]',
		'participants.participant.identifierKey: string = "phonenumber" if show kind=["contactByIdentifier"]',
		'participants.participant.identifierValue: string = "" if show kind=["contactByIdentifier"]',
		'participants.participant.kind: options = "contactByIdentifier" {contactById|contactByIdentifier|other}',
		'participants.participant.participantId: string = "" if show kind=["other"]',
		'participants.participant.participantType: options = "user" {accessKey|agent|bot|collaborationAutomation|flow|user} if show kind=["other"]',
		'participants: fixedCollection = {}',
		'resource: options = "message" {conversation|message|participant}',
		'templateLocale: string = "en" if show initialMessageType=["template"]',
		'templateParameters.parameter.key: string = ""',
		'templateParameters.parameter.type: options = "string" {boolean|number|string}',
		'templateParameters.parameter.value: string = ""',
		'templateParameters: fixedCollection = {} if show initialMessageType=["template"]',
		'templateProjectId: string = "" if show initialMessageType=["template"]',
		'templateVersion: string = "" if show initialMessageType=["template"]',
	],
	'conversation delete': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'operation: options = "create" {create|delete|get|getAll|getManyByParticipant|update}',
		'options.maxRetries: number = 3',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
	],
	'conversation get': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'operation: options = "create" {create|delete|get|getAll|getManyByParticipant|update}',
		'options.maxRetries: number = 3',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
	],
	'conversation getAll': [
		'filters.resource: string = ""',
		'filters: collection = {}',
		'limit: number = 50 if show returnAll=[false]',
		'operation: options = "create" {create|delete|get|getAll|getManyByParticipant|update}',
		'options.maxRetries: number = 3',
		'options.reverse: boolean = false',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
		'returnAll: boolean = false',
	],
	'conversation getManyByParticipant': [
		'channelId: string = ""',
		'filters.status: options = "active" {active|closed|deleted}',
		'filters: collection = {}',
		'identifierKey: string = "phonenumber" if show lookupBy=["identifier"]',
		'identifierValue: string = "" if show lookupBy=["identifier"]',
		'limit: number = 50 if show returnAll=[false]',
		'lookupBy: options = "identifier" {id|identifier}',
		'operation: options = "create" {create|delete|get|getAll|getManyByParticipant|update}',
		'options.maxRetries: number = 3',
		'options.reverse: boolean = false',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'participantId: string = "" if show lookupBy=["id"]',
		'resource: options = "message" {conversation|message|participant}',
		'returnAll: boolean = false',
	],
	'conversation update': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'operation: options = "create" {create|delete|get|getAll|getManyByParticipant|update}',
		'options.maxRetries: number = 3',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
		'updateFields.accessibility: options = "open" {invite-only|open|private|request-to-join}',
		'updateFields.attributes.attribute.key: string = ""',
		'updateFields.attributes.attribute.value: string = ""',
		'updateFields.attributes: fixedCollection = {}',
		'updateFields.attributesMode: options = "merge" {merge|replace}',
		'updateFields.description: string = ""',
		'updateFields.name: string = ""',
		'updateFields.status: options = "closed" {active|archived|closed|spam}',
		'updateFields.visibility: options = "public" {direct|group|private|public}',
		'updateFields: collection = {}',
	],
	'message delete': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'messageId: string = ""',
		'operation: options = "send" {delete|get|getAll|send|update}',
		'options.maxRetries: number = 3',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
	],
	'message get': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'messageId: string = ""',
		'operation: options = "send" {delete|get|getAll|send|update}',
		'options.downloadAttachments: boolean = false',
		'options.maxAttachmentMegabytes: number = 25',
		'options.maxRetries: number = 3',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
	],
	'message getAll': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'filters.dateFrom: dateTime = ""',
		'filters: collection = {}',
		'limit: number = 50 if show returnAll=[false]',
		'operation: options = "send" {delete|get|getAll|send|update}',
		'options.downloadAttachments: boolean = false',
		'options.maxAttachmentMegabytes: number = 25',
		'options.maxRetries: number = 3',
		'options.reverse: boolean = false',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
		'returnAll: boolean = false',
	],
	'message send': [
		'additionalFields.addMissingParticipants: boolean = true',
		'additionalFields.draft: boolean = false',
		'additionalFields.reference: string = ""',
		'additionalFields.replyToAddress: string = ""',
		'additionalFields.replyToMessageId: string = ""',
		'additionalFields.senderEmail: string = ""',
		'additionalFields.senderName: string = ""',
		'additionalFields: collection = {}',
		'address: string = "" if show messageType=["location"]',
		'binaryPropertyName: string = "data" if show messageType=["image","file","gif"], show mediaSource=["binary"]',
		'caption: string = "" if show messageType=["image","file","gif"]',
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'fileContentType: string = "" if show messageType=["file"], show mediaSource=["url"]',
		'fileName: string = "" if show messageType=["file"], show mediaSource=["url"]',
		'html: string = "" if show messageType=["html"]',
		'label: string = "" if show messageType=["location"]',
		'latitude: number = 0 if show messageType=["location"]',
		'longitude: number = 0 if show messageType=["location"]',
		'mediaSource: options = "url" {binary|url} if show messageType=["image","file","gif"]',
		'mediaUrl: string = "" if show messageType=["image","file","gif"], show mediaSource=["url"]',
		'messageType: options = "text" {file|gif|html|image|location|template|text}',
		'operation: options = "send" {delete|get|getAll|send|update}',
		'options.concurrency: number = 10',
		'options.maxRetries: number = 3',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'recipients.recipient.by: options = "identifier" {id|identifier}',
		'recipients.recipient.contactId: string = "" if show by=["id"]',
		'recipients.recipient.identifierKey: string = "phonenumber" if show by=["identifier"]',
		'recipients.recipient.identifierValue: string = "" if show by=["identifier"]',
		'recipients.recipient.type: options = "to" {bcc|cc|to}',
		'recipients: fixedCollection = {}',
		'resource: options = "message" {conversation|message|participant}',
		'senderId: string = ""',
		'senderType: options = "accessKey" {accessKey|contact|flow|user}',
		'subject: string = "" if show messageType=["html"]',
		'templateLocale: string = "en" if show messageType=["template"]',
		'templateParameters.parameter.key: string = ""',
		'templateParameters.parameter.type: options = "string" {boolean|number|string}',
		'templateParameters.parameter.value: string = ""',
		'templateParameters: fixedCollection = {} if show messageType=["template"]',
		'templateProjectId: string = "" if show messageType=["template"]',
		'templateVersion: string = "" if show messageType=["template"]',
		'text: string = "" if show messageType=["html"]',
		'text: string = "" if show messageType=["text"]',
	],
	'message update': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'messageId: string = ""',
		'operation: options = "send" {delete|get|getAll|send|update}',
		'options.maxRetries: number = 3',
		'options.simplify: boolean = false',
		'options: collection = {}',
		'publish: boolean = true',
		'resource: options = "message" {conversation|message|participant}',
		'updateFields.html: string = ""',
		'updateFields.recipients.recipient.by: options = "identifier" {id|identifier}',
		'updateFields.recipients.recipient.contactId: string = "" if show by=["id"]',
		'updateFields.recipients.recipient.identifierKey: string = "phonenumber" if show by=["identifier"]',
		'updateFields.recipients.recipient.identifierValue: string = "" if show by=["identifier"]',
		'updateFields.recipients.recipient.type: options = "to" {bcc|cc|to}',
		'updateFields.recipients: fixedCollection = {}',
		'updateFields.replyToMessageId: string = ""',
		'updateFields.subject: string = ""',
		'updateFields.text: string = ""',
		'updateFields: collection = {}',
	],
	'participant add': [
		'contactId: string = "" if show participantKind=["contactById"]',
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'identifierKey: string = "phonenumber" if show participantKind=["contactByIdentifier"]',
		'identifierValue: string = "" if show participantKind=["contactByIdentifier"]',
		'memberId: string = "" if show participantKind=["user","flow"]',
		'operation: options = "add" {add|get|getAll|remove|update}',
		'options.maxRetries: number = 3',
		'options: collection = {}',
		'participantKind: options = "contactByIdentifier" {contactById|contactByIdentifier|flow|user}',
		'participantStatus: options = "active" {active|invited|pending}',
		'resource: options = "message" {conversation|message|participant}',
	],
	'participant get': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'identifierKey: string = "phonenumber" if show lookupBy=["identifier"]',
		'identifierValue: string = "" if show lookupBy=["identifier"]',
		'lookupBy: options = "id" {id|identifier}',
		'operation: options = "add" {add|get|getAll|remove|update}',
		'options.maxRetries: number = 3',
		'options: collection = {}',
		'participantId: string = "" if show lookupBy=["id"]',
		'resource: options = "message" {conversation|message|participant}',
	],
	'participant getAll': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'limit: number = 50 if show returnAll=[false]',
		'operation: options = "add" {add|get|getAll|remove|update}',
		'options.maxRetries: number = 3',
		'options.reverse: boolean = false',
		'options: collection = {}',
		'resource: options = "message" {conversation|message|participant}',
		'returnAll: boolean = false',
	],
	'participant remove': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'operation: options = "add" {add|get|getAll|remove|update}',
		'options.maxRetries: number = 3',
		'options: collection = {}',
		'participantId: string = ""',
		'resource: options = "message" {conversation|message|participant}',
	],
	'participant update': [
		'conversationId: resourceLocator = {"mode":"list","value":""} modes list|id',
		'identifierKey: string = "phonenumber" if show lookupBy=["identifier"]',
		'identifierValue: string = "" if show lookupBy=["identifier"]',
		'lookupBy: options = "id" {id|identifier}',
		'operation: options = "add" {add|get|getAll|remove|update}',
		'options.maxRetries: number = 3',
		'options: collection = {}',
		'participantId: string = "" if show lookupBy=["id"]',
		'resource: options = "message" {conversation|message|participant}',
		'status: options = "active" {active|invited|pending}',
	],
};

describe('stored parameters (what saved workflows hold)', () => {
	const actual = storedParameters();

	it('has the same resources and operations', () => {
		expect(Object.keys(actual).sort()).toEqual(Object.keys(STORED).sort());
	});

	it.each(Object.keys(STORED))('%s keeps its parameter names, values and defaults', (key) => {
		expect(actual[key]).toEqual(STORED[key]);
	});
});
