/**
 * A rough prompt size (four characters a token), only for context-window
 * pre-checks and explain; the same estimate the chat endpoint gives routing.
 */
export function estimatePromptTokens(messages: ReadonlyArray<{ content?: unknown }>): number {
  let chars = 0;
  for (const m of messages) chars += typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content ?? '').length;
  return Math.ceil(chars / 4);
}
