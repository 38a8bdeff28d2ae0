// One error type for everything a user can get wrong: the CLI prints its message on one line and exits non-zero.
export class MiaError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'MiaError';
  }
}

/** An input error that names where it happened: `file:line: field: message`. */
export class InputError extends MiaError {
  constructor(readonly file: string, readonly line: number, readonly field: string, detail: string) {
    super(`${file}:${line}: ${field}: ${detail}`);
    this.name = 'InputError';
  }
}
