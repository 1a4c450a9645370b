// Validates a state machine definition (schema, transitions, terminal states, paths).
// Usage: node validate-asl.mjs [definition.json]   (stdin when no file is named)
// Prints {"valid": bool, "errors": [{"code", "message"}]}; exits 0 when valid, 1 when not,
// 2 when the definition cannot be read at all.

import { readFileSync } from 'node:fs';
import validator from 'asl-validator';

function print(report, exitCode) {
  process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(exitCode));
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

let text;
try {
  text = process.argv[2] ? readFileSync(process.argv[2], 'utf8') : await readStdin();
} catch (e) {
  process.stderr.write(`cannot read the definition: ${e.message}\n`);
  process.exit(2);
}

let definition;
try {
  definition = JSON.parse(text);
} catch (e) {
  print({ valid: false, errors: [{ code: 'INVALID_JSON', message: e.message }] }, 1);
}

if (definition !== undefined) {
  const result = validator(definition, { checkArn: true, checkPaths: true });
  const errors = result.errors.map((error) => ({ code: error['Error code'], message: error.Message }));
  print({ valid: result.isValid, errors }, result.isValid ? 0 : 1);
}
