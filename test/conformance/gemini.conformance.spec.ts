import { join } from 'node:path';
import { GeminiAdapter } from '../../src/providers/gemini/gemini.adapter';
import { describeProviderConformance } from './provider-conformance';

// An empty environment: the key comes from the fixtures, never from the machine running the tests.
describeProviderConformance(new GeminiAdapter({}), join(__dirname, '../fixtures/gemini'));
