'use strict';
// Benchmark floor, never shipped: the least a community trigger can do with a Bird delivery. No signature
// check, no subscription, no shaping: the body goes out as it came (with the request ID beside it, so
// the bench can match the execution to its delivery, as it reads the Bird trigger's deliveryId).
// Plain CommonJS so it needs no build step; n8n loads it the way it loads any installed package.
Object.defineProperty(exports, '__esModule', { value: true });
exports.FloorTrigger = void 0;

class FloorTrigger {
	constructor() {
		this.description = {
			displayName: 'Floor Trigger',
			name: 'floorTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Benchmark floor: starts a run with the webhook body, unverified',
			defaults: { name: 'Floor Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
			properties: [],
		};
	}

	async webhook() {
		const body = this.getBodyData();
		const deliveryId = this.getHeaderData()['messagebird-request-id'];
		return { workflowData: [this.helpers.returnJsonArray({ body, deliveryId })] };
	}
}
exports.FloorTrigger = FloorTrigger;
