// Loaded before a program's entry (node --import) inside the WebContainer. The container's
// terminal merges stdout and stderr into one stream, so every write is framed with the stream
// it belongs to; an uncaught error is sent as a structured record (its stack already mapped
// to the TypeScript source by tsx) instead of Node's printout. Records are one line each:
// "\u001ePAIRLANE " + JSON + "\n".

const PREFIX = '\u001ePAIRLANE ';
/** @param {unknown} record */
function frame(record) {
  return PREFIX + JSON.stringify(record) + '\n';
}

const rawStdoutWrite = process.stdout.write.bind(process.stdout);

/**
 * Replaces the stream's write with one that frames the text and sends it through stdout,
 * so stdout and stderr keep their relative order.
 * @param {'stdout' | 'stderr'} stream
 * @param {NodeJS.WriteStream} target
 */
function tag(stream, target) {
  const decoder = new TextDecoder();
  /** @type {(chunk: unknown, encoding?: unknown, callback?: unknown) => boolean} */
  const write = (chunk, encoding, callback) => {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(/** @type {Uint8Array} */ (chunk), { stream: true });
    const done = typeof encoding === 'function' ? encoding : callback;
    return rawStdoutWrite(frame({ t: 'out', stream, text }), /** @type {(() => void) | undefined} */ (done));
  };
  target.write = /** @type {typeof target.write} */ (write);
}

tag('stdout', process.stdout);
tag('stderr', process.stderr);

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) {
    const code = /** @type {{ code?: unknown }} */ (error).code;
    return { name: error.name, message: error.message, stack: error.stack, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: `Uncaught ${typeof error === 'string' ? error : JSON.stringify(error)}` };
}

/** @param {unknown} error */
function fail(error) {
  rawStdoutWrite(frame({ t: 'uncaught', error: describe(error) }), () => process.exit(1));
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
