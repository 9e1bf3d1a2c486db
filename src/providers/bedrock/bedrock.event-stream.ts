/** Bedrock's ConverseStream is a plain AWS event stream; the shared reader decodes it (JSON payloads). */
export { payloadText, readAwsEventStream } from '../shared/aws/aws-event-stream';
