import { AWS_COMMON_ERROR_TYPES, awsErrorDetails, normalizeAwsErrorType, parseAwsErrorBody } from './aws-errors';

describe('normalizeAwsErrorType', () => {
  it.each([
    ['ThrottlingException:http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/', 'ThrottlingException'],
    ['com.amazon.coral.service#ValidationException', 'ValidationException'],
    ['modelStreamError', 'ModelStreamError'],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeAwsErrorType(raw)).toBe(expected);
  });
});

describe('parseAwsErrorBody', () => {
  it.each([
    ['{"message":"x"}', { message: 'x' }],
    ['"just a string"', undefined],
    ['null', undefined],
    ['<html>', undefined],
  ])('%s → %j', (text, body) => {
    expect(parseAwsErrorBody(text)).toEqual(body);
  });
});

describe('awsErrorDetails', () => {
  it('lets a known type with a kind decide, keeping the HTTP status', () => {
    expect(awsErrorDetails(AWS_COMMON_ERROR_TYPES, 'ThrottlingException', 'slow', 400, 2)).toEqual({
      status: 400,
      message: 'slow',
      code: 'ThrottlingException',
      kind: 'rate_limit',
      retryAfterSeconds: 2,
    });
  });

  it("uses a known type's status when it has no kind, else the HTTP status, else 502", () => {
    const rules = { ...AWS_COMMON_ERROR_TYPES, ValidationError: { status: 400 } };
    expect(awsErrorDetails(rules, 'ValidationError', 'bad', 418, undefined).status).toBe(400);
    expect(awsErrorDetails(rules, 'Unknown', 'x', 418, undefined)).toMatchObject({ status: 418, code: 'Unknown', kind: undefined });
    expect(awsErrorDetails(rules, undefined, 'x', undefined, undefined)).toMatchObject({ status: 502, code: null });
  });
});
