'use strict';
// Benchmark floor, never shipped: the least a coded action node can do for Bird's Message → Send and
// Conversation → Get Many. One this.helpers.httpRequest per item (Send, with as many in flight as the
// Bird node's default Concurrent Requests, 10) or per page (List, one page after the other, as any
// pageToken listing must); no validation, no retries, no error shaping. Plain CommonJS, no build step.
Object.defineProperty(exports, '__esModule', { value: true });
exports.FloorAction = void 0;

const CONCURRENCY = 10;

class FloorAction {
	constructor() {
		this.description = {
			displayName: 'Floor Action',
			name: 'floorAction',
			group: ['transform'],
			version: 1,
			description: 'Benchmark floor: one HTTP request per item or page',
			defaults: { name: 'Floor Action' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Send', value: 'send' },
						{ name: 'List', value: 'list' },
					],
					default: 'send',
				},
				{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
				{ displayName: 'Workspace ID', name: 'workspaceId', type: 'string', default: '' },
				{ displayName: 'Access Key', name: 'accessKey', type: 'string', default: '' },
				{ displayName: 'Sender ID', name: 'senderId', type: 'string', default: '' },
				{ displayName: 'Conversation ID', name: 'conversationId', type: 'string', default: '' },
				{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0);
		const baseURL = this.getNodeParameter('baseUrl', 0);
		const workspace = this.getNodeParameter('workspaceId', 0);
		const headers = { Authorization: `AccessKey ${this.getNodeParameter('accessKey', 0)}` };
		if (operation === 'list') {
			const out = [];
			let pageToken;
			do {
				const page = await this.helpers.httpRequest({
					method: 'GET',
					baseURL,
					url: `/workspaces/${workspace}/conversations`,
					qs: pageToken ? { limit: 100, pageToken } : { limit: 100 },
					headers,
					json: true,
				});
				for (const conversation of page.results) out.push({ json: conversation });
				pageToken = page.nextPageToken;
			} while (pageToken);
			return [out];
		}
		const senderId = this.getNodeParameter('senderId', 0);
		const results = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const i = next++;
				const conversationId = this.getNodeParameter('conversationId', i);
				const text = this.getNodeParameter('text', i);
				const sent = await this.helpers.httpRequest({
					method: 'POST',
					baseURL,
					url: `/workspaces/${workspace}/conversations/${encodeURIComponent(conversationId)}/messages`,
					headers,
					body: {
						participantType: 'accessKey',
						participantId: senderId,
						addMissingParticipants: true,
						body: { type: 'text', text: { text } },
					},
					json: true,
				});
				results[i] = { json: sent, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
		return [results];
	}
}
exports.FloorAction = FloorAction;
