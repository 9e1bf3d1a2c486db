import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { parseConfig } from '../../src/config/config.loader';
import { DEFAULT_SHUTDOWN_GRACE_SECONDS } from '../../src/lifecycle/graceful-shutdown';

/** The Kubernetes manifests agree with the gateway: its config loads, probes hit real endpoints, the grace period covers the drain. */
const K8S = join(__dirname, '..', '..', 'deploy', 'k8s');
const read = (name: string) => readFileSync(join(K8S, name), 'utf8');

describe('deploy/k8s manifests', () => {
  const configMap = parse(read('configmap.yaml'));
  const deployment = parse(read('deployment.yaml'));
  const container = deployment.spec.template.spec.containers[0];

  it('ship a config the gateway loads', () => {
    const config = parseConfig(configMap.data['config.yaml'], 'config.yaml', { env: { GATEWAY_MASTER_KEY: 'k', REDIS_URL: 'redis://r:6379', AZURE_API_KEY: 'a' } });
    expect(config.router.redis_url).toBe('redis://r:6379');
    expect(config.deployments.length).toBeGreaterThan(0);
  });

  it('give the pod longer than the drain takes', () => {
    const general = parse(configMap.data['config.yaml']).general_settings;
    const drain = (general.shutdown_delay_seconds ?? 0) + (general.shutdown_grace_seconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(drain);
  });

  it('wire liveness and readiness to the probe endpoints', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/health/liveliness');
    expect(container.readinessProbe.httpGet.path).toBe('/health/readiness');
    expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    const mount = container.volumeMounts.find((m: { name: string }) => m.name === 'config');
    expect(container.env.find((e: { name: string }) => e.name === 'CONFIG_PATH').value).toBe(`${mount.mountPath}/config.yaml`);
  });

  it('route the Service to the pods', () => {
    const [service] = parseAllDocuments(read('service.yaml')).map((d) => d.toJS());
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(service.spec.ports[0].targetPort).toBe(container.ports[0].name);
  });
});
