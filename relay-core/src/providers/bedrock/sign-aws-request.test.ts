import { describe, expect, it } from 'vitest';
import { signAwsRequest } from './sign-aws-request.js';

describe('signAwsRequest (SigV4)', () => {
  it("reproduces AWS's documented example signature (IAM ListUsers, 2015-08-30)", () => {
    // docs.aws.amazon.com, "Signature Version 4 signing process" worked example
    const headers = signAwsRequest(
      {
        method: 'GET',
        url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: '',
      },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      'us-east-1',
      'iam',
      new Date('2015-08-30T12:36:00Z'),
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
  });

  it('signs the body hash and the session token for Bedrock', () => {
    const headers = signAwsRequest(
      {
        method: 'POST',
        url: new URL(
          'https://bedrock-runtime.us-east-1.amazonaws.com/model/us.amazon.nova-micro-v1%3A0/converse',
        ),
        headers: { 'content-type': 'application/json' },
        body: '{}',
      },
      { accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'token' },
      'us-east-1',
      'bedrock',
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(headers['x-amz-content-sha256']).toBe(
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
    expect(headers['x-amz-security-token']).toBe('token');
    expect(headers.authorization).toContain(
      'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
    );
  });
});
