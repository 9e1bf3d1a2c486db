import { join } from 'node:path';
import { OllamaAdapter } from '../../src/providers/ollama/ollama.adapter';
import { describeProviderConformance } from './provider-conformance';

describeProviderConformance(new OllamaAdapter(), join(__dirname, '../fixtures/ollama'));
