// Runs one execution of a state machine definition with aws-local-stepfunctions.
//
// Request (JSON, from the file named by the first argument, or from stdin):
//   { definition, input, executionName, executionArn, callbackUrl,
//     waitTimeOverride?: {stateName: ms}, retryIntervalOverride?: {stateName: ms | ms[]},
//     definitionAccepted?: true when this exact definition ran here before (it is not validated again) }
//
// Every Task state, nested ones included, is answered by POSTing {state, resource, input}
// to callbackUrl. The answer is one of
//   {"output": <json>}                                          the task's result
//   {"functionError": {errorMessage, errorType, stackTrace}}    what a Lambda function reports
//   {"serviceError": {"Error": ..., "Cause": ...}}              what the service integration reports
//
// SIGTERM stops the execution (StopExecution): it ends ABORTED.
//
// stdout carries one JSON object per line: the execution's events as they happen, then
// {"type":"Result", status, output | error, cause}. Nothing else is written to stdout.

import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';

// aws-local-stepfunctions 3 calls Promise.withResolvers (Node 22+) for every Task;
// this is the whole difference it needs to run on Node 20.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { StateMachine, ExecutionAbortedError, ExecutionTimeoutError } = await import('aws-local-stepfunctions');

const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke$/;

/** An error as Step Functions reports it: Retry and Catch match on `name`, `message` becomes the Cause. */
class TaskError extends Error {
  constructor(error, cause) {
    super(cause);
    this.name = error;
  }
}

function emit(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

function finish(line, exitCode) {
  process.stdout.write(JSON.stringify(line) + '\n', () => process.exit(exitCode));
}

async function readRequest() {
  if (process.argv[2]) return JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// aws-local-stepfunctions 3.0.0 evaluates a type test compared with false (`"IsNull": false`,
// `"IsPresent": false`, ...) as false whatever the value, where Step Functions negates the test.
// Such a rule is given to it in the form it evaluates right, `{"Not": {..., "IsNull": true}}`,
// which means the same on AWS; the definition itself is left as AWS runs it.
const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];

function negatedTypeTests(rule) {
  if (rule === null || typeof rule !== 'object') return rule;
  for (const test of TYPE_TESTS) {
    if (rule[test] === false) {
      const { Next, ...rest } = rule;
      const inner = { ...rest, [test]: true };
      return Next === undefined ? { Not: inner } : { Not: inner, Next };
    }
  }
  const out = { ...rule };
  for (const key of ['And', 'Or']) {
    if (Array.isArray(out[key])) out[key] = out[key].map(negatedTypeTests);
  }
  if (out.Not) out.Not = negatedTypeTests(out.Not);
  return out;
}

function withChoicesTheEngineEvaluates(definition) {
  for (const state of Object.values(definition.States ?? {})) {
    if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
      state.Choices = state.Choices.map(negatedTypeTests);
    } else if (state.Type === 'Parallel') {
      for (const branch of state.Branches ?? []) withChoicesTheEngineEvaluates(branch);
    } else if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) withChoicesTheEngineEvaluates(processor);
    }
  }
  return definition;
}

/** Every Task state of the definition, with those inside Parallel branches and Map processors. */
function taskStates(definition, found = []) {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (state.Type === 'Task') {
      found.push([name, state]);
    } else if (state.Type === 'Parallel') {
      for (const branch of state.Branches ?? []) taskStates(branch, found);
    } else if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) taskStates(processor, found);
    }
  }
  return found;
}

function post(url, body) {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  return new Promise((resolve, reject) => {
    // node:http rather than fetch: fetch gives up on an answer after 300 s, and a Task may take longer.
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': payload.length },
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          reject(new Error(`task callback answered HTTP ${res.statusCode}: ${text}`));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch (e) {
          reject(new Error(`task callback answered with invalid JSON: ${e.message}`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The result a lambda:invoke Task gets on AWS: the function's answer under Payload, beside the invoke response fields. */
function lambdaInvokeResult(payload) {
  const requestId = randomUUID();
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      HttpHeaders: {
        'Content-Type': 'application/json',
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

function localHandler(callbackUrl, stateName, resource) {
  return async (input) => {
    let answer;
    try {
      answer = await post(callbackUrl, { state: stateName, resource, input });
    } catch (e) {
      // The JVM side failed to answer at all: not something the definition should retry or catch.
      const error = new TaskError('States.Runtime', `${stateName}: ${e.message}`);
      Object.defineProperty(error, 'isRetryable', { value: false });
      Object.defineProperty(error, 'isCatchable', { value: false });
      throw error;
    }
    if (answer.functionError) {
      // As AWS reports a Lambda function error: Error is the errorType, Cause the error document as a JSON string.
      throw new TaskError(answer.functionError.errorType, JSON.stringify(answer.functionError));
    }
    if (answer.serviceError) {
      throw new TaskError(answer.serviceError.Error, answer.serviceError.Cause ?? '');
    }
    const output = answer.output ?? null;
    return LAMBDA_INVOKE.test(resource) ? lambdaInvokeResult(output) : output;
  };
}

function eventLine(event) {
  const line = { type: event.type, timestamp: new Date(event.timestamp).toISOString() };
  if (event.state) {
    line.state = event.state.name;
    line.stateType = event.state.type;
    if ('input' in event.state) line.input = event.state.input;
    if ('output' in event.state) line.output = event.state.output;
  } else if (event.parentState) {
    line.state = event.parentState.name;
    line.stateType = event.parentState.type;
  }
  if (event.type === 'ExecutionStarted') line.input = event.input;
  if (event.type === 'ExecutionSucceeded') line.output = event.output;
  if ('Error' in event) line.error = event.Error ?? null;
  if ('Cause' in event) line.cause = typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause ?? null);
  if (event.retry) line.retryAttempt = event.retry.attempt;
  if (typeof event.index === 'number') line.index = event.index;
  return line;
}

function failureResult(error) {
  if (error instanceof ExecutionTimeoutError) {
    return { type: 'Result', status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than the definition\'s TimeoutSeconds' };
  }
  if (error instanceof ExecutionAbortedError) {
    return { type: 'Result', status: 'ABORTED', error: null, cause: null };
  }
  const failure = error.cause ?? error;
  return { type: 'Result', status: 'FAILED', error: failure.name ?? null, cause: failure.message ?? null };
}

async function main() {
  const request = await readRequest();
  const definition = withChoicesTheEngineEvaluates(request.definition);

  const taskResourceLocalHandlers = {};
  for (const [name, state] of taskStates(definition)) {
    taskResourceLocalHandlers[name] = localHandler(request.callbackUrl, name, state.Resource);
  }

  let stateMachine;
  try {
    // validating the refresh definition costs more processor time than the rest of a short execution
    stateMachine = new StateMachine(definition, { validationOptions: { noValidate: request.definitionAccepted === true } });
  } catch (e) {
    finish({ type: 'EngineError', message: e.message }, 2);
    return;
  }

  const execution = stateMachine.run(request.input ?? {}, {
    overrides: {
      taskResourceLocalHandlers,
      waitTimeOverrides: request.waitTimeOverride ?? {},
      retryIntervalOverrides: request.retryIntervalOverride ?? {},
    },
    context: {
      Execution: { Id: request.executionArn, Name: request.executionName },
    },
  });

  // SIGTERM is StopExecution: the execution ends ABORTED, as on AWS, with its events so far
  // (what the recovery of an ended execution reads); a process that still does not end is killed.
  process.on('SIGTERM', () => {
    execution.abort();
    setTimeout(() => process.exit(3), 10000).unref();
  });

  const events = (async () => {
    for await (const event of execution.eventLogs) emit(eventLine(event));
  })();

  let result;
  try {
    const output = await execution.result;
    result = { type: 'Result', status: 'SUCCEEDED', output };
  } catch (e) {
    result = failureResult(e);
  }
  await events;
  finish(result, 0);
}

main().catch((e) => finish({ type: 'EngineError', message: e.stack ?? String(e) }, 2));
