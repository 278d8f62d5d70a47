import { DomainError } from '../../domain/errors';

/**
 * What can go wrong talking to a generator, each with a message a person can act on. Classes
 * with a stable `name`, so they survive structured cloning and the UI can tell them apart.
 */
export class EndpointError extends DomainError {
  constructor(message: string, name = 'EndpointError') {
    super(message, name);
  }
}

/** The server answered, but the browser withheld the answer: it does not allow this origin. */
export class CorsError extends EndpointError {
  constructor(url: string, origin: string) {
    super(
      `${url} answered, but the browser blocked the reply (CORS): the server does not allow requests from ${origin}. ` +
        `Allow this origin on the server (for Ollama: OLLAMA_ORIGINS=${origin}; for llama.cpp and LM Studio: enable CORS).`,
      'CorsError',
    );
  }
}

export class UnreachableError extends EndpointError {
  constructor(url: string) {
    super(`Cannot reach ${url}: nothing answered there. Is the server running, and is the address right?`, 'UnreachableError');
  }
}

export class UnauthorizedError extends EndpointError {
  constructor(status: number, detail: string) {
    super(`The endpoint refused the API key (${status}${status === 401 ? ' Unauthorized' : ' Forbidden'})${detail ? `: ${detail}` : ''}. Check the key in the settings.`, 'UnauthorizedError');
  }
}

export class HttpStatusError extends EndpointError {
  readonly status: number;
  constructor(url: string, status: number, detail: string) {
    const hint = status === 404 ? ' (check that the base URL ends with the API version, e.g. /v1, and that the model exists)' : '';
    super(`${url} answered ${status}${detail ? `: ${detail}` : ''}${hint}`, 'HttpStatusError');
    this.status = status;
  }
}

export class BadResponseError extends EndpointError {
  constructor(url: string, what: string) {
    super(`${url} answered with something that is not an OpenAI-compatible reply: ${what}`, 'BadResponseError');
  }
}

export class CompileCancelledError extends DomainError {
  constructor() {
    super('the compilation was cancelled', 'CompileCancelledError');
  }
}

/** Errors after which no further request can succeed, so a compilation stops at once. */
export function isFatal(err: unknown): boolean {
  return err instanceof CorsError || err instanceof UnreachableError || err instanceof UnauthorizedError;
}
