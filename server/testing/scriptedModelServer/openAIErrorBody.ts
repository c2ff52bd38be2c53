/** The error body OpenAI and the servers that copy it send with an HTTP error. */
export function openAIErrorBody(status: number, message: string, code: string): unknown {
  const type =
    status === 429 ? 'requests' : status === 401 || status === 403 || status === 400 || status === 404 ? 'invalid_request_error' : 'server_error';
  return { error: { message, type, param: null, code } };
}
