/** An error answered with Bird's JSON error envelope (docs/bird-api.md §1.2). */
export class BirdHttpError extends Error {
	constructor(
		readonly statusCode: number,
		readonly code: string,
		message: string,
		readonly details?: Record<string, string[]>,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	toBody(): Record<string, unknown> {
		const body: Record<string, unknown> = { code: this.code, message: this.message };
		if (this.details) body.details = this.details;
		return body;
	}
}

export const notFound = (what = 'The requested resource does not exist') =>
	new BirdHttpError(404, 'ResourceNotFound', what);

export const invalidPayload = (details: Record<string, string[]>) =>
	new BirdHttpError(
		422,
		'InvalidPayload',
		'One or more fields provided in the request body are malformed',
		details,
	);

export const conflict = (code: string, message: string) => new BirdHttpError(409, code, message);
