import { join } from 'node:path';
import { SageMakerAdapter } from '../../src/providers/sagemaker/sagemaker.adapter';
import { describeProviderConformance } from './provider-conformance';

// An empty environment: credentials come from the fixtures, never from the machine running the tests.
describeProviderConformance(new SageMakerAdapter({}), join(__dirname, '../fixtures/sagemaker'));
