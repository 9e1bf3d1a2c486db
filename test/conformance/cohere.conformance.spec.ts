import { join } from 'node:path';
import { CohereAdapter } from '../../src/providers/cohere/cohere.adapter';
import { describeProviderConformance } from './provider-conformance';

describeProviderConformance(new CohereAdapter(), join(__dirname, '../fixtures/cohere'));
