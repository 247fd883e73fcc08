import http from 'node:http';

/**
 * The physical limit on this machine: Node's own HTTP client over loopback with a keep-alive socket,
 * no framework, one request at a time. It parses each JSON answer, as any real client must.
 */
export class RawClient {
	private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	private readonly base: URL;

	constructor(
		baseUrl: string,
		private readonly headers: Record<string, string>,
	) {
		this.base = new URL(baseUrl);
	}

	request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const request = http.request(
				{
					host: this.base.hostname,
					port: this.base.port,
					method,
					path,
					agent: this.agent,
					headers: {
						...this.headers,
						accept: 'application/json',
						...(payload
							? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
							: {}),
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						resolve({
							status: response.statusCode ?? 0,
							body: text ? JSON.parse(text) : undefined,
						});
					});
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			if (payload) request.write(payload);
			request.end();
		});
	}

	close(): void {
		this.agent.destroy();
	}
}

/** Posts raw bodies to one URL with at most `concurrency` requests in flight (the load generator). */
export async function postAll(
	url: string,
	requests: Array<{ body: string; headers: Record<string, string> }>,
	concurrency: number,
	onStart: (index: number) => void,
): Promise<number[]> {
	const target = new URL(url);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const statuses: number[] = new Array(requests.length).fill(0);
	let next = 0;
	const worker = async () => {
		while (next < requests.length) {
			const index = next++;
			const { body, headers } = requests[index];
			onStart(index);
			statuses[index] = await new Promise<number>((resolve) => {
				const request = http.request(
					{
						host: target.hostname,
						port: target.port,
						method: 'POST',
						path: target.pathname + target.search,
						agent,
						headers: { ...headers, 'content-length': Buffer.byteLength(body) },
					},
					(response) => {
						response.resume();
						response.on('end', () => resolve(response.statusCode ?? 0));
					},
				);
				request.on('error', () => resolve(0));
				request.end(body);
			});
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	agent.destroy();
	return statuses;
}
