import { RawClient } from '../lib/raw-client';
import {
	DEMO,
	executionWallMs,
	listedConversations,
	nodeRun,
	PeakRss,
	seedConversations,
	type BenchStack,
} from '../lib/stack';
import { median } from '../lib/stats';
import { birdListWorkflow, floorListWorkflow, httpListWorkflow } from '../lib/workflows';

export interface ListContender {
	nodeMs: number[];
	wallMs: number[];
	peakRss: number[];
	/** Requests the sandbox received for the listing, and the most times any one page was asked for. */
	requests: number[];
	maxRepeats: number[];
}

export interface ListResult {
	size: number;
	pages: number;
	bird: ListContender;
	/** The floor node (bench/floor): one httpRequest per page, conversations as items. */
	floor?: ListContender;
	/** HTTP Request node alone (pages as items) and with Split Out (conversations as items). */
	http?: ListContender & { splitMs: number[] };
	raw: { ms: number[]; requests: number[] };
}

const contender = (): ListContender => ({
	nodeMs: [],
	wallMs: [],
	peakRss: [],
	requests: [],
	maxRepeats: [],
});
const listPath = `/workspaces/${DEMO.workspaceId}/conversations`;

/**
 * Scenario 2 (and 4 at other sizes): Return All over `size` conversations; with `rivals`, the floor node
 * and the HTTP Request node alongside. Each run checks that every conversation came out exactly once and
 * counts the page requests the sandbox saw.
 */
export async function benchList(
	stack: BenchStack,
	runs: number,
	size: number,
	options: { rivals: boolean },
	log = console.log,
): Promise<ListResult> {
	await stack.resetSandbox();
	seedConversations(
		stack.sandbox,
		Math.max(0, size - listedConversations(stack.sandbox)),
		'Listed',
	);
	const expected = listedConversations(stack.sandbox);
	const pages = Math.ceil(expected / 100);
	const birdId = await stack.importWorkflow(birdListWorkflow());
	const httpId = options.rivals
		? await stack.importWorkflow(httpListWorkflow(stack.sandbox.url))
		: undefined;
	const floorId = options.rivals
		? await stack.importWorkflow(floorListWorkflow(stack.sandbox.url))
		: undefined;
	const raw = new RawClient(stack.sandbox.url, {
		authorization: `AccessKey ${DEMO.accessKey.secret}`,
	});
	const result: ListResult = {
		size: expected,
		pages,
		bird: contender(),
		raw: { ms: [], requests: [] },
	};
	if (options.rivals) {
		result.http = { ...contender(), splitMs: [] };
		result.floor = contender();
	}

	const listRequests = () => {
		let total = 0;
		let maxRepeats = 0;
		for (const [key, count] of stack.requests) {
			if (!key.startsWith(`GET ${listPath}?`) && key !== `GET ${listPath}`) continue;
			total += count;
			maxRepeats = Math.max(maxRepeats, count);
		}
		return { total, maxRepeats };
	};

	const inN8n = async (workflowId: string, target: ListContender, outputNode: string) => {
		const memory = new PeakRss(stack.n8n.pid() ?? 0);
		memory.start();
		let execution;
		try {
			execution = await stack.n8n.client.runWorkflow(workflowId, 'Start', 900_000);
		} finally {
			target.peakRss.push(memory.stop());
		}
		const list = nodeRun(execution, 'List');
		const out = nodeRun(execution, outputNode);
		if (list.error || out.error || out.items !== expected)
			throw new Error(
				`listing failed: ${list.error ?? out.error ?? `${out.items} of ${expected} conversations`}`,
			);
		target.nodeMs.push(list.ms);
		target.wallMs.push(executionWallMs(execution));
		return execution;
	};

	const contenders: Record<string, () => Promise<string>> = {
		bird: async () => {
			await inN8n(birdId, result.bird, 'List');
			return `node ${result.bird.nodeMs.at(-1)} ms`;
		},
		raw: async () => {
			const started = performance.now();
			let count = 0;
			let token: string | undefined;
			do {
				const answer = await raw.request(
					'GET',
					`${listPath}?limit=100${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
				);
				if (answer.status !== 200) throw new Error(`raw list answered ${answer.status}`);
				count += answer.body.results.length;
				token = answer.body.nextPageToken;
			} while (token);
			const ms = performance.now() - started;
			if (count !== expected) throw new Error(`raw list saw ${count} of ${expected}`);
			result.raw.ms.push(ms);
			return `${ms.toFixed(0)} ms`;
		},
	};
	if (floorId && result.floor) {
		const floor = result.floor;
		contenders.floor = async () => {
			await inN8n(floorId, floor, 'List');
			return `node ${floor.nodeMs.at(-1)} ms`;
		};
	}
	if (httpId && result.http) {
		const http = result.http;
		contenders.http = async () => {
			const execution = await inN8n(httpId, http, 'Items');
			http.splitMs.push(nodeRun(execution, 'Items').ms);
			return `node ${http.nodeMs.at(-1)} ms + Split Out ${http.splitMs.at(-1)} ms`;
		};
	}

	const names = Object.keys(contenders);
	try {
		for (let run = 0; run < runs; run++) {
			for (let i = 0; i < names.length; i++) {
				const name = names[(run + i) % names.length];
				stack.requests.clear();
				const summary = await contenders[name]();
				const { total, maxRepeats } = listRequests();
				const target =
					name === 'raw'
						? result.raw
						: name === 'bird'
							? result.bird
							: name === 'floor'
								? result.floor!
								: result.http!;
				target.requests.push(total);
				if ('maxRepeats' in target) target.maxRepeats.push(maxRepeats);
				log(
					`  list ${expected} run ${run + 1} ${name}: ${summary}, ${total} requests${maxRepeats > 1 ? `, a page asked for ${maxRepeats} times` : ''}`,
				);
			}
		}
	} finally {
		raw.close();
	}
	log(
		`  list ${expected} medians: Bird ${median(result.bird.nodeMs)} ms${result.floor ? `, floor ${median(result.floor.nodeMs)} ms` : ''}${result.http ? `, HTTP Request ${median(result.http.nodeMs)} ms` : ''}, raw ${median(result.raw.ms).toFixed(0)} ms`,
	);
	return result;
}
