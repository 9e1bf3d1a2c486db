import type { ChatCompletion } from '../../../common/openai/openai.types';
import type { OutputMessageItem, ResponseObject, ResponseOutputItem } from '../responses.types';
import { responseObject, ResponseContext, statusOf, toResponseUsage } from './response-object.factory';
import { newItemId } from './response-ids';

/** A chat answer as the `response` object: the text as one `message` item, then one `function_call` item a tool call. */
export function chatToResponse(completion: ChatCompletion, ctx: ResponseContext): ResponseObject {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const output: ResponseOutputItem[] = [];
  const { status, incomplete_details } = statusOf(choice?.finish_reason);
  const itemStatus = status === 'completed' ? 'completed' : 'incomplete';
  const text = typeof message?.content === 'string' ? message.content : '';
  if (text || !message?.tool_calls?.length) output.push(textItem(newItemId('msg'), text, itemStatus));
  for (const call of message?.tool_calls ?? []) {
    output.push({ type: 'function_call', id: newItemId('fc'), call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: 'completed' });
  }
  return responseObject(ctx, status, output, toResponseUsage(completion.usage), { incomplete_details });
}

export function textItem(id: string, text: string, status: OutputMessageItem['status']): OutputMessageItem {
  return { type: 'message', id, status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
}
