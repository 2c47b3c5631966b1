import type { ChannelName, ChannelOutput, ParsedInput } from '../../shared/contract.ts';
import { channels, isChannelName } from '../../shared/contract.ts';
import type { Result } from '../../shared/result.ts';
import { fail, ok } from '../../shared/result.ts';
import { Failure } from './failure.ts';

/** The implementation of every channel; a missing or mistyped handler does not compile. */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/** Turns an unexpected error of one request into the Failure it really is (e.g. a full disk), if it is one. */
export type ExplainError = (channel: ChannelName, error: unknown) => Failure | undefined;

/**
 * Runs one request from a transport. Everything from the renderer is untrusted:
 * the channel must be declared and the input must parse before a handler sees it.
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown, explain?: ExplainError): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return fail('unknown_channel', 'Atelier does not know that request.', { channel: String(channel).slice(0, 80) });
  }
  const parsed = channels[channel].input.safeParse(input);
  if (!parsed.success) {
    return fail('invalid_input', describeIssues(parsed.error.issues), {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    });
  }
  try {
    // The generic call loses the link between channel and input type; parsing above established it.
    const handler = handlers[channel] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.toAppError() };
    console.error(`[atelier] ${channel} failed:`, error);
    const explained = explain?.(channel, error);
    if (explained) return { ok: false, error: explained.toAppError() };
    return fail('internal', 'Something went wrong inside Atelier. Nothing was lost; the details are in the log.');
  }
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  return `${where}${first.message}`;
}
