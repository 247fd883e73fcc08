/** What n8n's APIs take and return, as far as the e2e tests, the demo and the benchmarks use them. */
export interface N8nCredentialInput {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface N8nWorkflowInput {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: unknown;
	pinData?: unknown;
	[key: string]: unknown;
}

export interface N8nWorkflow extends N8nWorkflowInput {
	id: string;
	active: boolean;
}

export interface N8nExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	startedAt: string;
	stoppedAt?: string | null;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{
					error?: { message?: string };
					data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
			error?: { message?: string; description?: string };
			lastNodeExecuted?: string;
		};
	};
}

export interface PublicationStatus {
	status: 'published' | 'not_published' | 'in_progress' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export class N8nHttpError extends Error {
	constructor(
		readonly status: number,
		readonly method: string,
		readonly path: string,
		readonly body: unknown,
	) {
		super(
			`n8n answered ${status} to ${method} ${path}: ${typeof body === 'string' ? body : JSON.stringify(body)}`,
		);
	}
}

/** The JSON items a node produced in an execution (first output, first run unless `run` is given). */
export function nodeOutput(
	execution: N8nExecution,
	nodeName: string,
	run = 0,
	output = 0,
): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs?.[run]) return [];
	return (runs[run].data?.main?.[output] ?? []).map((item) => item.json);
}

/** Node names that ended with an error in an execution, with their messages. */
export function executionErrors(execution: N8nExecution): string[] {
	const errors: string[] = [];
	const result = execution.data?.resultData;
	if (result?.error?.message)
		errors.push(`${result.lastNodeExecuted ?? 'workflow'}: ${result.error.message}`);
	for (const [name, runs] of Object.entries(result?.runData ?? {})) {
		for (const run of runs) if (run.error?.message) errors.push(`${name}: ${run.error.message}`);
	}
	return errors;
}

/**
 * A finished execution's saved data is complete: n8n 1.x can report a run as succeeded a moment before
 * the run data of its last node is saved with it.
 */
export function hasItsData(execution: N8nExecution): boolean {
	const result = execution.data?.resultData;
	if (execution.status !== 'success') return true;
	return Boolean(result?.lastNodeExecuted && result.runData[result.lastNodeExecuted]);
}
