import { join } from 'node:path';
import { OpenAIAdapter } from '../../src/providers/openai/openai.adapter';
import { describeProviderConformance } from './provider-conformance';

describeProviderConformance(new OpenAIAdapter(), join(__dirname, '../fixtures/openai'));
