import type { AST } from "yaml-eslint-parser";
import { commandWords, containerCommand, programName, scriptCommands, shellScript, splitWords } from "./commands.ts";
import { nameWords } from "./credentials.ts";
import { isKubernetesObject } from "./document-kind.ts";
import { siblingAutoscalers, siblingServicesSelecting } from "./project-view.ts";
import { asMapping, asScalar, asSequence, getPair, getPath, pairsOf, resolve, scalarText } from "./yaml-nodes.ts";

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ["spec"],
  PodTemplate: ["template", "spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** Workloads whose pods run until they are replaced (and so serve traffic, and get stopped by rollouts). */
export const LONG_RUNNING_KINDS: ReadonlySet<string> = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
]);

export const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

export function kubernetesKind(root: AST.YAMLMapping): string | undefined {
  // Every rule asks it of every object, some of them for each object they relate it to.
  if (kinds.has(root)) return kinds.get(root);
  const kind = scalarText(getPath(root, "kind"));
  kinds.set(root, kind);
  return kind;
}

const kinds = new WeakMap<AST.YAMLMapping, string | undefined>();

const objectsOfProgram = new WeakMap<AST.YAMLProgram, readonly AST.YAMLMapping[]>();

/**
 * The Kubernetes objects of a file: each document that is one, and the items of a `kind: List`
 * (what `kubectl get -o yaml` writes). Found once per file and shared by every rule, so that the
 * indexes built on the list (kinds, Services, autoscalers) are built once per file too.
 */
export function kubernetesObjects(program: AST.YAMLProgram): readonly AST.YAMLMapping[] {
  const known = objectsOfProgram.get(program);
  if (known) return known;
  const objects: AST.YAMLMapping[] = [];
  for (const document of program.body) {
    const root = asMapping(document.content);
    if (!root || !isKubernetesObject(root)) continue;
    if (kubernetesKind(root) !== "List") {
      objects.push(root);
      continue;
    }
    for (const item of asSequence(getPath(root, "items"))?.entries ?? []) {
      const object = asMapping(item);
      if (object && isKubernetesObject(object)) objects.push(object);
    }
  }
  objectsOfProgram.set(program, objects);
  return objects;
}

/** The pod spec of a workload object (Deployment, CronJob, Pod, ...), or null for other kinds. */
export function podSpecOf(root: AST.YAMLMapping): AST.YAMLMapping | null {
  const kind = kubernetesKind(root);
  const path = kind ? POD_SPEC_PATHS[kind] : undefined;
  return path ? asMapping(getPath(root, ...path)) : null;
}

/** Every container of a pod spec: init, regular and ephemeral. */
export function containersOf(podSpec: AST.YAMLMapping): AST.YAMLMapping[] {
  return CONTAINER_LISTS.flatMap((list) => containerList(podSpec, list));
}

/** The containers of one list of a pod spec (`containers`, `initContainers`, ...). */
export function containerList(podSpec: AST.YAMLMapping, list: (typeof CONTAINER_LISTS)[number]): AST.YAMLMapping[] {
  const containers: AST.YAMLMapping[] = [];
  for (const entry of asSequence(getPath(podSpec, list))?.entries ?? []) {
    const container = asMapping(entry);
    if (container) containers.push(container);
  }
  return containers;
}

/** ports for monitoring, not for clients: `metrics`, `http-metrics`, `prometheus`, `monitoring`, `exporter`. */
const MONITORING_PORT = /metric|prom|monitor|exporter/iu;

/** The ports a container declares for clients (not for Prometheus). */
export function trafficPorts(container: AST.YAMLMapping): AST.YAMLMapping[] {
  const ports: AST.YAMLMapping[] = [];
  for (const entry of asSequence(getPath(container, "ports"))?.entries ?? []) {
    const port = asMapping(entry);
    if (port && !MONITORING_PORT.test(scalarText(getPath(port, "name")) ?? "")) ports.push(port);
  }
  return ports;
}

/** The image's name without registry, path, tag or digest: `docker.io/bitnami/redis:7.2` → `redis`. */
export function imageName(container: AST.YAMLMapping): string {
  const image = scalarText(getPath(container, "image")) ?? "";
  return (image.split("@")[0]!.split("/").at(-1) ?? "").split(":")[0]!.toLowerCase();
}

/** Databases, caches and brokers: a single replica of one keeps its data to itself, so traffic has nowhere else to go. */
const DATASTORE_IMAGE =
  /^(?:mongo(?:db)?(?:-community-server)?|mysql(?:-server)?|mariadb|percona(?:-server)?|postgres(?:ql)?|postgis|timescaledb|redis(?:-stack(?:-server)?)?|valkey|keydb|memcached|rabbitmq|elasticsearch|opensearch|cassandra|scylla|kafka|zookeeper|nats|etcd|couchdb|couchbase|neo4j|influxdb|clickhouse(?:-server)?|cockroach|minio)$/u;

/** A project's own database image or container: `user-db`, `orders_database`. */
const DATABASE_NAME = /[-_](?:db|database)$/u;

export function isDatastore(container: AST.YAMLMapping): boolean {
  const image = imageName(container);
  return DATASTORE_IMAGE.test(image) || DATABASE_NAME.test(image) || DATABASE_NAME.test((scalarText(getPath(container, "name")) ?? "").toLowerCase());
}

/**
 * Tools for the people running the system, not for its users: dashboards, alerting, metrics and
 * trace stores (`grafana`, `alertmanager`, `prometheus`, `kube-state-metrics`, `kibana`, `heapster`, Jaeger). Their
 * clients are operators, who reload, and machines that retry (Prometheus re-sends alerts).
 */
const OPERATOR_TOOL_IMAGE = /^(?:grafana|heapster(?:-grafana|-influxdb)?(?:-amd64)?|alertmanager|prometheus|kube-state-metrics|kibana|jaeger(?:-all-in-one|-query)?|zipkin)$/u;

/** Whether a container runs one of the tools operators use (see OPERATOR_TOOL_IMAGE), by its image. */
export function isOperatorTool(container: AST.YAMLMapping): boolean {
  const image = scalarText(getPath(container, "image")) ?? "";
  return OPERATOR_TOOL_IMAGE.test(imageName(container)) || (/jaegertracing\//u.test(image) && imageName(container) === "all-in-one");
}

/** Helpers beside the app that serve no clients: metrics exporters, mesh proxies, log shippers, database proxies. */
const SIDECAR = /exporter|^(?:istio-proxy|linkerd-proxy|envoy-sidecar|fluent-?bit|fluentd|filebeat|promtail|vector|cloud-?sql-proxy|vault-agent|config-reloader|configmap-reload)$/u;

export function isSidecar(container: AST.YAMLMapping): boolean {
  return SIDECAR.test((scalarText(getPath(container, "name")) ?? "").toLowerCase()) || SIDECAR.test(imageName(container));
}

/** A container that only idles (`sleep infinity`, `tail -f /dev/null`): a client or debug pod, not a server. */
export function isIdle(container: AST.YAMLMapping): boolean {
  const words = containerCommand(container).map((word) => word.text);
  const script = shellScript(containerCommand(container));
  const command = script ? splitWords(script.text.trim()) : words;
  const program = programName(command[0]);
  return (program === "sleep" && command.length === 2) || (program === "tail" && command.includes("/dev/null"));
}

/**
 * The containers of a pod spec that receive client traffic: none when the workload is a single
 * pod that never runs beside its replacement (`alone`, see `runsAlone`); not sidecars (exporters,
 * proxies, log shippers) or idle client pods, and not a datastore run as a single replica (it
 * has no other endpoint to move traffic to), nor a single replica of an operators' tool (a
 * dashboard, Alertmanager: a restart's seconds cost a reload or a retried push); of those, the ones that declare ports other than
 * monitoring ports, or, when none does and a Service sends the pods traffic, the first without ports.
 */
export function servingContainers(podSpec: AST.YAMLMapping, behindService: boolean, replicas = 2, alone = false): AST.YAMLMapping[] {
  // One pod that is always stopped before its replacement starts: there is never another endpoint.
  if (alone) return [];
  const containers = containerList(podSpec, "containers").filter(
    (container) => !isSidecar(container) && !isIdle(container) && !(replicas <= 1 && (isDatastore(container) || isOperatorTool(container))),
  );
  const serving = containers.filter((container) => trafficPorts(container).length > 0);
  if (serving.length > 0 || !behindService) return serving;
  return containers.filter((container) => !getPath(container, "ports")).slice(0, 1);
}

/** Where to point at a container: its `name` value, else the container itself. */
export function containerNode(container: AST.YAMLMapping): AST.YAMLNode {
  return getPair(container, "name")?.value ?? container;
}

/** The labels a workload gives its pods (a Pod's own labels). */
export function podLabelsOf(root: AST.YAMLMapping): Map<string, string> {
  const kind = kubernetesKind(root);
  const metadata =
    kind === "Pod"
      ? getPath(root, "metadata")
      : kind === "CronJob"
        ? getPath(root, "spec", "jobTemplate", "spec", "template", "metadata")
        : getPath(root, "spec", "template", "metadata");
  return stringMap(getPath(metadata, "labels"));
}

/** A mapping of strings (labels, selectors) as a Map; values that are not scalars are left out. */
export function stringMap(node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairsOf(node)) {
    const key = scalarText(pair.key);
    const value = scalarText(pair.value);
    if (key !== undefined && value !== undefined) map.set(key, value);
  }
  return map;
}

interface IndexedService {
  service: AST.YAMLMapping;
  selector: Map<string, string>;
  order: number;
}

const serviceIndexes = new WeakMap<readonly AST.YAMLMapping[], Map<string, IndexedService[]>>();
const labelKey = (key: string, value: string) => `${key}\u0000${value}`;

/**
 * The file's Services that send traffic (not only metrics), indexed by one label of their
 * selector, built once per file: a 5 MB manifest has thousands of workloads and Services, and
 * comparing every workload with every Service made the rules that ask quadratic.
 */
function serviceIndex(objects: readonly AST.YAMLMapping[]): Map<string, IndexedService[]> {
  let index = serviceIndexes.get(objects);
  if (index) return index;
  index = new Map();
  objects.forEach((object, order) => {
    if (kubernetesKind(object) !== "Service") return;
    const selector = stringMap(getPath(object, "spec", "selector"));
    const first = [...selector][0];
    if (!first) return;
    const ports = asSequence(getPath(object, "spec", "ports"))?.entries ?? [];
    const serving = ports.length === 0 || ports.some((port) => !MONITORING_PORT.test(`${scalarText(getPath(port, "name")) ?? ""} ${scalarText(getPath(port, "targetPort")) ?? ""}`));
    if (!serving) return;
    const key = labelKey(...first);
    const entries = index!.get(key) ?? [];
    entries.push({ service: object, selector, order });
    index!.set(key, entries);
  });
  serviceIndexes.set(objects, index);
  return index;
}

/**
 * The Services of a file that send client traffic to pods with these labels, in file order: they
 * select them (a Service without a selector selects none) and have a port that is not for monitoring.
 */
export function servicesSelecting(objects: readonly AST.YAMLMapping[], podLabels: Map<string, string>): AST.YAMLMapping[] {
  const index = serviceIndex(objects);
  const found: IndexedService[] = [];
  for (const [key, value] of podLabels) {
    for (const entry of index.get(labelKey(key, value)) ?? []) {
      if ([...entry.selector].every(([k, v]) => podLabels.get(k) === v)) found.push(entry);
    }
  }
  return found.sort((a, b) => a.order - b.order).map((entry) => entry.service);
}

/** A workload's namespace, when it states one. */
export function namespaceOf(root: AST.YAMLMapping): string | undefined {
  return scalarText(getPath(root, "metadata", "namespace"));
}

/**
 * The names of the Services that send client traffic to a workload's pods: those in its own
 * file, then those in the other manifests of its deployment (the project view).
 */
export function workloadServices(filename: string, objects: readonly AST.YAMLMapping[], workload: AST.YAMLMapping): string[] {
  const podLabels = podLabelsOf(workload);
  const inFile = servicesSelecting(objects, podLabels).map((service) => scalarText(getPath(service, "metadata", "name")) ?? "");
  const siblings = siblingServicesSelecting(filename, podLabels, namespaceOf(workload)).map((service) => service.name);
  return [...inFile, ...siblings];
}

/** Words of a workload's name that say it works off a queue: `queue-master`, `email-worker`, `orders-consumer`. */
const QUEUE_WORKER_WORDS = new Set(["queue", "worker", "workers", "consumer", "subscriber", "listener"]);

/** A Service annotated for Prometheus (`prometheus.io/scrape: "true"`, `prometheus.io/path`, `prometheus.io/port`), not opted out. */
const isScraped = (service: AST.YAMLMapping): boolean => {
  const annotations = stringMap(getPath(service, "metadata", "annotations"));
  return [...annotations.keys()].some((key) => key.startsWith("prometheus.io/")) && annotations.get("prometheus.io/scrape") !== "false";
};

/**
 * Whether a workload is a queue worker whose Services exist for Prometheus to scrape it: its name
 * says it works off a queue, and every Service that selects it (in its file and in the other
 * manifests of its deployment) is annotated for Prometheus (`prometheus.io/scrape: "true"`, `prometheus.io/path`). Its work arrives
 * through the broker, not through the Service, so no client request is lost while it starts or
 * stops; a name alone, or a scraped Service alone, does not decide (most APIs are scraped too).
 */
export function isScrapedQueueWorker(filename: string, objects: readonly AST.YAMLMapping[], workload: AST.YAMLMapping): boolean {
  const name = scalarText(getPath(workload, "metadata", "name")) ?? "";
  if (!nameWords(name).some((word) => QUEUE_WORKER_WORDS.has(word))) return false;
  const podLabels = podLabelsOf(workload);
  const inFile = servicesSelecting(objects, podLabels);
  const siblings = siblingServicesSelecting(filename, podLabels, namespaceOf(workload));
  return inFile.length + siblings.length > 0 && inFile.every(isScraped) && siblings.every((service) => service.scraped === true);
}

/**
 * The most replicas a workload runs: `spec.replicas` (1 when unset), or the `maxReplicas` of a
 * HorizontalPodAutoscaler that scales it, in its file or in the other manifests of its deployment.
 */
export function maxReplicas(filename: string, workload: AST.YAMLMapping, objects: readonly AST.YAMLMapping[]): number {
  const name = scalarText(getPath(workload, "metadata", "name"));
  const kind = kubernetesKind(workload);
  const autoscaler = autoscalerIndex(objects).get(targetKey(kind, name));
  const inFile = autoscaler ? numberValue(getPath(autoscaler, "spec", "maxReplicas")) : undefined;
  const siblings = name && kind ? siblingAutoscalers(filename, kind, name, namespaceOf(workload)).map((sibling) => sibling.maxReplicas) : [];
  return Math.max(replicasOf(workload) ?? 1, inFile ?? 1, ...siblings);
}

/**
 * The fewest replicas a workload runs: `spec.replicas` (1 when unset), raised by the `minReplicas`
 * of a HorizontalPodAutoscaler that scales it, in its file or in the other manifests of its deployment.
 */
export function minReplicas(filename: string, workload: AST.YAMLMapping, objects: readonly AST.YAMLMapping[]): number {
  const name = scalarText(getPath(workload, "metadata", "name"));
  const kind = kubernetesKind(workload);
  const autoscaler = autoscalerIndex(objects).get(targetKey(kind, name));
  const inFile = autoscaler ? (numberValue(getPath(autoscaler, "spec", "minReplicas")) ?? 1) : 1;
  const siblings = name && kind ? siblingAutoscalers(filename, kind, name, namespaceOf(workload)).map((sibling) => sibling.minReplicas) : [];
  return Math.max(replicasOf(workload) ?? 1, inFile, ...siblings);
}

const autoscalerIndexes = new WeakMap<readonly AST.YAMLMapping[], Map<string, AST.YAMLMapping>>();
/** An unnamed workload matches an autoscaler without a target name, as it always has. */
const targetKey = (kind: string | undefined, name: string | undefined) => JSON.stringify([kind ?? null, name ?? null]);

/**
 * The file's first HorizontalPodAutoscaler for each target (kind and name), built once per file:
 * looking through every autoscaler for each workload made a file of thousands of each quadratic.
 */
function autoscalerIndex(objects: readonly AST.YAMLMapping[]): Map<string, AST.YAMLMapping> {
  let index = autoscalerIndexes.get(objects);
  if (index) return index;
  index = new Map();
  for (const autoscaler of objectsOfKind(objects, "HorizontalPodAutoscaler")) {
    const kind = scalarText(getPath(autoscaler, "spec", "scaleTargetRef", "kind"));
    const name = scalarText(getPath(autoscaler, "spec", "scaleTargetRef", "name"));
    const key = targetKey(kind, name);
    if (!index.has(key)) index.set(key, autoscaler);
  }
  autoscalerIndexes.set(objects, index);
  return index;
}

/**
 * Whether a workload's new pod runs beside the old one while it is replaced: a Deployment's
 * rolling update surges (the default). A StatefulSet, a bare ReplicaSet or ReplicationController,
 * and a Deployment with the Recreate strategy or `maxSurge: 0` stop the old pod first.
 */
export function replacementOverlaps(workload: AST.YAMLMapping): boolean {
  if (kubernetesKind(workload) !== "Deployment") return kubernetesKind(workload) === "DaemonSet";
  const strategy = getPath(workload, "spec", "strategy");
  if (scalarText(getPath(strategy, "type")) === "Recreate") return false;
  const surge = scalarText(getPath(strategy, "rollingUpdate", "maxSurge"));
  return surge === undefined || !/^0+%?$/u.test(surge.trim());
}

/**
 * Whether a workload is one pod that never runs beside another: `replicas: 1` written out (an
 * unset count is often set by an overlay or an autoscaler), at most one replica counting
 * autoscalers (`replicas`, from `maxReplicas`), and a replacement
 * that starts only after the old pod has stopped.
 */
export function runsAlone(workload: AST.YAMLMapping, replicas: number): boolean {
  return replicasOf(workload) === 1 && replicas <= 1 && !replacementOverlaps(workload);
}

/** A workload's `spec.replicas` when written as a number; undefined when absent or templated. */
export function replicasOf(root: AST.YAMLMapping): number | undefined {
  const value = asScalar(getPath(root, "spec", "replicas"))?.value;
  return typeof value === "number" ? value : undefined;
}

/** The number a scalar holds, whether written as a number or a numeric string. */
export function numberValue(node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined): number | undefined {
  const value = asScalar(node)?.value;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*\d+(?:\.\d+)?\s*$/u.test(value)) return Number(value);
  return undefined;
}

export interface PreStopHook {
  /** Seconds the hook sleeps before the container gets SIGTERM, when it is a plain sleep. */
  seconds: number | undefined;
  /** The node to point at: the sleep's duration, or the hook. */
  node: AST.YAMLNode;
}

/**
 * A container's `lifecycle.preStop` hook and how long it delays SIGTERM: the `sleep` action
 * (Kubernetes 1.29+), or an `exec` hook that runs `sleep N` (directly or in a shell script).
 * Other hooks (an HTTP call, a script) delay it by an unknown time.
 */
export function preStopHook(container: AST.YAMLMapping): PreStopHook | null {
  const hook = resolve(getPath(container, "lifecycle", "preStop"));
  if (!hook) return null;
  const sleepSeconds = asScalar(getPath(hook, "sleep", "seconds"));
  if (sleepSeconds) return { seconds: numberValue(sleepSeconds), node: sleepSeconds };
  const words = commandWords(getPath(hook, "exec", "command"));
  const script = shellScript(words);
  const commands = script ? scriptCommands(script.text).map(splitWords) : [words.map((word) => word.text)];
  const sleep = commands.find((command) => programName(command[0]) === "sleep");
  const seconds = sleep?.[1] === undefined ? undefined : parseDuration(sleep[1]);
  return { seconds, node: seconds === undefined ? hook : (script?.node ?? words[1]?.node ?? hook) };
}

/**
 * Whether the server in a container drains itself on SIGTERM: it fails its readiness check and
 * keeps serving for a pause before it closes its listener, which is what a preStop sleep does for
 * servers that do not. Known by image and the flags that turn the pause on:
 * - podinfo, at any `--level` but `debug` (it then sleeps a few seconds after failing /readyz);
 * - Traefik with `…transport.lifecycle.requestAcceptGraceTimeout` above zero;
 * - the ingress-nginx controller with `--shutdown-grace-period` above zero.
 */
export function drainsItself(container: AST.YAMLMapping): boolean {
  const words = containerCommand(container).map((word) => word.text);
  const flag = (pattern: RegExp): string | undefined => {
    for (const [index, word] of words.entries()) {
      const match = pattern.exec(word);
      if (match) return match[1] ?? words[index + 1];
    }
    return undefined;
  };
  const image = imageName(container);
  if (image === "podinfo") {
    const level = flag(/^--level(?:=(.*))?$/u) ?? kubernetesEnvValue(container, "PODINFO_LEVEL");
    return (level ?? "info").toLowerCase() !== "debug";
  }
  if (image === "traefik") return (parseDuration(flag(/^--entry[Pp]oints\.[^.]+\.transport\.lifecycle\.request[Aa]ccept[Gg]race[Tt]imeout(?:=(.*))?$/u) ?? "0") ?? 0) > 0;
  if (/^(?:ingress-nginx-)?controller$|^nginx-ingress-controller$/u.test(image)) return (parseDuration(flag(/^--shutdown-grace-period(?:=(.*))?$/u) ?? "0") ?? 0) > 0;
  return false;
}

/** The literal value of one of a container's `env` entries. */
function kubernetesEnvValue(container: AST.YAMLMapping, name: string): string | undefined {
  for (const entry of asSequence(getPath(container, "env"))?.entries ?? []) {
    if (scalarText(getPath(entry, "name")) === name) return scalarText(getPath(entry, "value"));
  }
  return undefined;
}

/** Seconds in `5`, `5s`, `1m`, `1.5`; undefined for anything else (`infinity`, `$DELAY`). */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smh]?)$/u.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * ({ "": 1, s: 1, m: 60, h: 3600 } as Record<string, number>)[match[2]!]!;
}

export interface Workload {
  object: AST.YAMLMapping;
  kind: string;
  podSpec: AST.YAMLMapping;
}

/** The objects of the given workload kinds, with their pod specs. */
export function workloadsOf(objects: readonly AST.YAMLMapping[], kinds: ReadonlySet<string>): Workload[] {
  const workloads: Workload[] = [];
  for (const object of objects) {
    const kind = kubernetesKind(object);
    const podSpec = podSpecOf(object);
    if (podSpec && kind && kinds.has(kind)) workloads.push({ object, kind, podSpec });
  }
  return workloads;
}

const byKind = new WeakMap<readonly AST.YAMLMapping[], Map<string, AST.YAMLMapping[]>>();

/** The file's objects of one kind, grouped once per file (so per-workload lookups stay linear). */
export function objectsOfKind(objects: readonly AST.YAMLMapping[], kind: string): AST.YAMLMapping[] {
  let groups = byKind.get(objects);
  if (!groups) {
    groups = new Map();
    for (const object of objects) {
      const objectKind = kubernetesKind(object);
      if (objectKind === undefined) continue;
      const group = groups.get(objectKind);
      if (group) group.push(object);
      else groups.set(objectKind, [object]);
    }
    byKind.set(objects, groups);
  }
  return groups.get(kind) ?? [];
}
