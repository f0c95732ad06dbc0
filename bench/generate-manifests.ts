/**
 * Generates deterministic Kubernetes manifests for the benchmarks: a repository of per-service,
 * per-environment multi-document files (Deployment, Service, ConfigMap, Ingress, HPA, PDB,
 * CronJob, StatefulSet, Secret, NetworkPolicy), and rendered bundles of a given size, like
 * `helm template` or `kustomize build` output, up to several megabytes. Most objects are what a
 * careful team writes; a few carry the mistakes the YAML rules look for (unquoted env values,
 * missing probes, literal secrets, `sh -c` without `exec`, sticky sessions, no grace period).
 * Same seed, same files.
 *
 *     npx tsx bench/generate-manifests.ts <out-dir> [services] [seed]
 */
import fs from "node:fs";
import path from "node:path";
import { between, characters, pick, random } from "./random.ts";

type Next = () => number;

const SERVICES = ["orders", "billing", "catalog", "checkout", "identity", "search", "notifications", "inventory", "shipping", "reviews", "payments", "analytics", "gateway", "media", "pricing", "accounts", "support", "reports", "scheduler", "ledger"];
const SUFFIXES = ["api", "worker", "web", "consumer", "sync", "admin"];
const ENVIRONMENTS = ["staging", "production", "eu-production"];

function labels(name: string, indent: string): string {
  return [`${indent}app.kubernetes.io/name: ${name}`, `${indent}app.kubernetes.io/part-of: shop`, `${indent}app.kubernetes.io/managed-by: kustomize`].join("\n");
}

function env(next: Next, name: string): string {
  const entries = [
    `            - name: NODE_ENV\n              value: production`,
    `            - name: PORT\n              value: "8080"`,
    `            - name: LOG_LEVEL\n              value: ${pick(next, ["info", "warn", "debug"])}`,
    `            - name: DATABASE_URL\n              valueFrom:\n                secretKeyRef:\n                  name: ${name}-db\n                  key: url`,
    `            - name: REDIS_URL\n              valueFrom:\n                configMapKeyRef:\n                  name: ${name}-config\n                  key: redis-url`,
    `            - name: POD_NAME\n              valueFrom:\n                fieldRef:\n                  fieldPath: metadata.name`,
    `            - name: OTEL_EXPORTER_OTLP_ENDPOINT\n              value: "http://otel-collector.observability:4317"`,
  ];
  const roll = next();
  if (roll < 0.08) entries.push(`            - name: FEATURE_CHECKOUT_V2\n              value: true`); // unquoted boolean
  else if (roll < 0.14) entries.push(`            - name: WORKER_CONCURRENCY\n              value: ${between(next, 2, 16)}`); // unquoted number
  else if (roll < 0.17) entries.push(`            - name: API_TOKEN\n              value: "${characters(next, 40)}"`); // literal credential
  return entries.join("\n");
}

function probe(probePath: string, period: number): string {
  return [`httpGet:`, `  path: ${probePath}`, `  port: http`, `periodSeconds: ${period}`, `timeoutSeconds: 2`, `failureThreshold: 3`]
    .map((line) => `            ${line}`)
    .join("\n");
}

function container(next: Next, name: string, image: string): string {
  const readiness = next() > 0.07;
  const sameLiveness = next() < 0.1;
  const shell = next() < 0.08;
  return [
    `        - name: ${name}`,
    `          image: registry.example.com/shop/${image}:${between(next, 1, 9)}.${between(next, 0, 40)}.${between(next, 0, 20)}`,
    `          imagePullPolicy: IfNotPresent`,
    shell
      ? `          command: ["sh", "-c", "node dist/migrate.js && node dist/server.js"]`
      : `          args: ["node", "dist/server.js"]`,
    `          ports:`,
    `            - name: http`,
    `              containerPort: 8080`,
    `          env:`,
    env(next, name),
    `          envFrom:`,
    `            - configMapRef:`,
    `                name: ${name}-config`,
    `          resources:`,
    `            requests:`,
    `              cpu: ${pick(next, ["100m", "250m", "500m", "1"])}`,
    `              memory: ${pick(next, ["128Mi", "256Mi", "512Mi", "1Gi"])}`,
    `            limits:`,
    `              memory: ${pick(next, ["256Mi", "512Mi", "1Gi", "2Gi"])}`,
    ...(readiness ? [`          readinessProbe:`, probe("/healthz/ready", 5)] : []),
    `          livenessProbe:`,
    sameLiveness ? probe("/healthz/ready", 5) : probe("/healthz/live", 20),
    `          lifecycle:`,
    `            preStop:`,
    `              exec:`,
    `                command: ["sleep", "10"]`,
    `          securityContext:`,
    `            runAsNonRoot: true`,
    `            readOnlyRootFilesystem: true`,
    `            allowPrivilegeEscalation: false`,
    `          volumeMounts:`,
    `            - name: tmp`,
    `              mountPath: /tmp`,
  ].join("\n");
}

function deployment(next: Next, name: string, namespace: string): string {
  const grace = next() < 0.05 ? 0 : pick(next, [30, 45, 60]);
  return [
    `apiVersion: apps/v1`,
    `kind: Deployment`,
    `metadata:`,
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `  labels:`,
    labels(name, "    "),
    `  annotations:`,
    `    deployment.kubernetes.io/revision: "${between(next, 1, 300)}"`,
    `spec:`,
    `  replicas: ${between(next, 2, 12)}`,
    `  revisionHistoryLimit: 5`,
    `  strategy:`,
    `    type: RollingUpdate`,
    `    rollingUpdate:`,
    `      maxSurge: 25%`,
    `      maxUnavailable: 0`,
    `  selector:`,
    `    matchLabels:`,
    `      app.kubernetes.io/name: ${name}`,
    `  template:`,
    `    metadata:`,
    `      labels:`,
    labels(name, "        "),
    `      annotations:`,
    `        prometheus.io/scrape: "true"`,
    `        prometheus.io/port: "9090"`,
    `    spec:`,
    `      serviceAccountName: ${name}`,
    `      terminationGracePeriodSeconds: ${grace}`,
    `      topologySpreadConstraints:`,
    `        - maxSkew: 1`,
    `          topologyKey: topology.kubernetes.io/zone`,
    `          whenUnsatisfiable: ScheduleAnyway`,
    `          labelSelector:`,
    `            matchLabels:`,
    `              app.kubernetes.io/name: ${name}`,
    `      containers:`,
    container(next, name, name),
    ...(next() < 0.3 ? [container(next, `${name}-sidecar`, "envoy-sidecar")] : []),
    `      volumes:`,
    `        - name: tmp`,
    `          emptyDir: {}`,
  ].join("\n");
}

function service(next: Next, name: string, namespace: string): string {
  return [
    `apiVersion: v1`,
    `kind: Service`,
    `metadata:`,
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `  labels:`,
    labels(name, "    "),
    `spec:`,
    `  type: ClusterIP`,
    ...(next() < 0.05 ? [`  sessionAffinity: ClientIP`] : []),
    `  selector:`,
    `    app.kubernetes.io/name: ${name}`,
    `  ports:`,
    `    - name: http`,
    `      port: 80`,
    `      targetPort: http`,
  ].join("\n");
}

function configMap(next: Next, name: string, namespace: string): string {
  const keys = Array.from({ length: between(next, 4, 30) }, (_, i) => {
    const value = pick(next, [`"${between(next, 1, 1000)}"`, `"true"`, `https://${name}.example.com/v${i}`, `"${characters(next, 12)}"`, `enabled`]);
    return `  ${pick(next, ["cache", "feature", "limit", "timeout", "url", "queue"])}-${i}: ${value}`;
  });
  return [
    `apiVersion: v1`,
    `kind: ConfigMap`,
    `metadata:`,
    `  name: ${name}-config`,
    `  namespace: ${namespace}`,
    `data:`,
    `  redis-url: redis://redis.${namespace}:6379`,
    ...keys,
    ...(next() < 0.3 ? [`  app.yaml: |`, `    server:`, `      port: 8080`, `      shutdownTimeout: 25s`, `    features:`, `      - checkout-v2`, `      - fast-search`] : []),
  ].join("\n");
}

function ingress(next: Next, name: string, namespace: string): string {
  const tls = next() > 0.15;
  return [
    `apiVersion: networking.k8s.io/v1`,
    `kind: Ingress`,
    `metadata:`,
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `  annotations:`,
    `    nginx.ingress.kubernetes.io/proxy-body-size: 8m`,
    ...(next() < 0.05 ? [`    nginx.ingress.kubernetes.io/affinity: cookie`] : []),
    `spec:`,
    `  ingressClassName: nginx`,
    ...(tls ? [`  tls:`, `    - hosts:`, `        - ${name}.shop.example.com`, `      secretName: ${name}-tls`] : []),
    `  rules:`,
    `    - host: ${name}.shop.example.com`,
    `      http:`,
    `        paths:`,
    `          - path: /`,
    `            pathType: Prefix`,
    `            backend:`,
    `              service:`,
    `                name: ${name}`,
    `                port:`,
    `                  name: http`,
  ].join("\n");
}

function autoscaler(next: Next, name: string, namespace: string): string {
  return [
    `apiVersion: autoscaling/v2`,
    `kind: HorizontalPodAutoscaler`,
    `metadata:`,
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `spec:`,
    `  scaleTargetRef:`,
    `    apiVersion: apps/v1`,
    `    kind: Deployment`,
    `    name: ${name}`,
    `  minReplicas: ${between(next, 2, 4)}`,
    `  maxReplicas: ${between(next, 6, 40)}`,
    `  metrics:`,
    `    - type: Resource`,
    `      resource:`,
    `        name: cpu`,
    `        target:`,
    `          type: Utilization`,
    `          averageUtilization: ${pick(next, [60, 70, 75, 80])}`,
  ].join("\n");
}

function disruptionBudget(name: string, namespace: string): string {
  return [
    `apiVersion: policy/v1`,
    `kind: PodDisruptionBudget`,
    `metadata:`,
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `spec:`,
    `  maxUnavailable: 1`,
    `  selector:`,
    `    matchLabels:`,
    `      app.kubernetes.io/name: ${name}`,
  ].join("\n");
}

function cronJob(next: Next, name: string, namespace: string): string {
  return [
    `apiVersion: batch/v1`,
    `kind: CronJob`,
    `metadata:`,
    `  name: ${name}-cleanup`,
    `  namespace: ${namespace}`,
    `spec:`,
    `  schedule: "${between(next, 0, 59)} ${between(next, 0, 23)} * * *"`,
    `  concurrencyPolicy: Forbid`,
    `  jobTemplate:`,
    `    spec:`,
    `      backoffLimit: 2`,
    `      template:`,
    `        spec:`,
    `          restartPolicy: OnFailure`,
    `          containers:`,
    `            - name: cleanup`,
    `              image: registry.example.com/shop/${name}:1.${between(next, 0, 40)}.0`,
    `              args: ["node", "dist/jobs/cleanup.js", "--older-than", "30d"]`,
  ].join("\n");
}

function secret(next: Next, name: string, namespace: string): string {
  const literal = next() < 0.3;
  return [
    `apiVersion: v1`,
    `kind: Secret`,
    `metadata:`,
    `  name: ${name}-db`,
    `  namespace: ${namespace}`,
    `  annotations:`,
    `    sealedsecrets.bitnami.com/managed: "${literal ? "false" : "true"}"`,
    `type: Opaque`,
    literal
      ? `stringData:\n  url: postgres://${name}:${characters(next, 16)}@postgres.${namespace}:5432/${name}`
      : `data:\n  url: ${Buffer.from(`postgres://${name}@postgres.${namespace}:5432/${name}`).toString("base64")}`,
  ].join("\n");
}

function networkPolicy(name: string, namespace: string): string {
  return [
    `apiVersion: networking.k8s.io/v1`,
    `kind: NetworkPolicy`,
    `metadata:`,
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `spec:`,
    `  podSelector:`,
    `    matchLabels:`,
    `      app.kubernetes.io/name: ${name}`,
    `  policyTypes: [Ingress]`,
    `  ingress:`,
    `    - from:`,
    `        - namespaceSelector:`,
    `            matchLabels:`,
    `              kubernetes.io/metadata.name: ingress-nginx`,
    `      ports:`,
    `        - port: 8080`,
  ].join("\n");
}

/** All objects of one workload, as YAML documents. */
function workload(next: Next, name: string, namespace: string): string[] {
  const documents = [deployment(next, name, namespace), service(next, name, namespace), configMap(next, name, namespace)];
  if (next() < 0.6) documents.push(ingress(next, name, namespace));
  if (next() < 0.7) documents.push(autoscaler(next, name, namespace));
  if (next() < 0.5) documents.push(disruptionBudget(name, namespace));
  if (next() < 0.25) documents.push(cronJob(next, name, namespace));
  if (next() < 0.4) documents.push(secret(next, name, namespace));
  if (next() < 0.5) documents.push(networkPolicy(name, namespace));
  return documents;
}

const join = (documents: string[]) => `${documents.map((document) => `---\n${document}`).join("\n")}\n`;

/**
 * A repository's manifests: for each of `services` workloads and each environment, one file per
 * object kind or one multi-document file. Writes under `outDir` (removed first).
 */
export function generateManifests(outDir: string, services = 120, seed = 11): string[] {
  const next = random(seed);
  fs.rmSync(outDir, { recursive: true, force: true });
  const files: string[] = [];
  const write = (relative: string, text: string) => {
    const file = path.join(outDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files.push(file);
  };
  for (let i = 0; i < services; i++) {
    const name = `${SERVICES[i % SERVICES.length]}-${SUFFIXES[Math.floor(i / SERVICES.length) % SUFFIXES.length]}`;
    for (const environment of ENVIRONMENTS) {
      const documents = workload(next, name, `shop-${environment}`);
      if (next() < 0.5) write(`deploy/${environment}/${name}.yaml`, join(documents));
      else documents.forEach((document, k) => write(`deploy/${environment}/${name}/${String(k).padStart(2, "0")}-${/^kind: (\w+)/mu.exec(document)![1]!.toLowerCase()}.yaml`, join([document])));
    }
  }
  return files;
}

/**
 * One folder with one object per file, `files` files in all (the layout the project view reads
 * most of: every workload's Service is a sibling file). Writes under `outDir` (removed first).
 */
export function generateFlatFolder(outDir: string, files: number, seed = 17): string[] {
  const next = random(seed);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (let i = 0; written.length < files; i++) {
    const name = `${pick(next, SERVICES)}-${pick(next, SUFFIXES)}-${i}`;
    for (const document of workload(next, name, "shop")) {
      if (written.length >= files) break;
      const file = path.join(outDir, `${name}-${/^kind: (\w+)/mu.exec(document)![1]!.toLowerCase()}.yaml`);
      fs.writeFileSync(file, join([document]));
      written.push(file);
    }
  }
  return written;
}

/** One rendered multi-document file of about `bytes` bytes (`helm template` output). */
export function generateBundle(file: string, bytes: number, seed = 13): { documents: number; bytes: number } {
  const next = random(seed);
  const parts: string[] = [];
  let size = 0;
  let documents = 0;
  for (let i = 0; size < bytes; i++) {
    const name = `${pick(next, SERVICES)}-${pick(next, SUFFIXES)}-${i}`;
    for (const document of workload(next, name, `tenant-${i % 50}`)) {
      const text = `---\n# Source: shop/templates/${/^kind: (\w+)/mu.exec(document)![1]!.toLowerCase()}.yaml\n${document}\n`;
      parts.push(text);
      size += Buffer.byteLength(text);
      documents++;
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, parts.join(""));
  return { documents, bytes: size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir = "bench/out/manifests", services = "120", seed = "11"] = process.argv.slice(2);
  const files = generateManifests(outDir, Number(services), Number(seed));
  const bundle = generateBundle(path.join(outDir, "rendered/bundle.yaml"), 5 * 2 ** 20);
  console.log(`wrote ${files.length} files and a bundle of ${bundle.documents} documents to ${outDir}`);
}
