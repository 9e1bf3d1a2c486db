import { join } from 'node:path';
import { AnthropicAdapter } from '../../src/providers/anthropic/anthropic.adapter';
import { describeProviderConformance } from './provider-conformance';

describeProviderConformance(new AnthropicAdapter(), join(__dirname, '../fixtures/anthropic'));
