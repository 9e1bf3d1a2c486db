import { join } from 'node:path';
import { BedrockAdapter } from '../../src/providers/bedrock/bedrock.adapter';
import { describeProviderConformance } from './provider-conformance';

// An empty environment: credentials come from the fixtures, never from the machine running the tests.
describeProviderConformance(new BedrockAdapter({}), join(__dirname, '../fixtures/bedrock'));
