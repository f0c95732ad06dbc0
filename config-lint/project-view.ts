/**
 * The project view of a deployment: the Services and HorizontalPodAutoscalers of the manifests
 * beside the linted file (its folder, and what a kustomization there lists in `resources`), so
 * that a Deployment whose Service lives in `svc.yaml` is still known to sit behind it.
 *
 * Each manifest is read and summarised once and remembered until its size or modification time
 * changes, and only when another file asks about it: the linted file's own objects are indexed by
 * the rules, so a rendered bundle alone in its folder is not parsed a second time. A folder's
 * listing is re-read at most once a second, so an editor sees its siblings' edits and a run over
 * thousands of manifests in one folder stays linear.
 */
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export interface ServiceSummary {
  file: string;
  name: string;
  namespace: string | undefined;
  selector: ReadonlyMap<string, string>;
  /** Annotated for Prometheus (`prometheus.io/scrape: "true"`, `prometheus.io/path`), not opted out. */
  scraped?: boolean;
}

export interface AutoscalerSummary {
  file: string;
  namespace: string | undefined;
  targetKind: string;
  targetName: string;
  maxReplicas: number;
  /** `spec.minReplicas`: 1 when unset, as the autoscaler reads it. */
  minReplicas: number;
}

/** A label selector requirement (`matchExpressions` entry). */
export interface SelectorRequirement {
  key: string;
  operator: string;
  values: readonly string[];
}

export interface DisruptionBudgetSummary {
  file: string;
  namespace: string | undefined;
  matchLabels: ReadonlyMap<string, string>;
  matchExpressions: readonly SelectorRequirement[];
}

export interface LimitRangeSummary {
  file: string;
  namespace: string | undefined;
  /** Whether a `type: Container` limit gives containers a memory limit by default (`default.memory`, or `max.memory`, which Kubernetes then uses as the default). */
  defaultsMemoryLimit: boolean;
}

interface FileSummary {
  stamp: string;
  services: ServiceSummary[];
  autoscalers: AutoscalerSummary[];
  disruptionBudgets: DisruptionBudgetSummary[];
  limitRanges: LimitRangeSummary[];
  /** `resources` (and the older `bases`) of a kustomization file, resolved to absolute paths. */
  resources: string[];
}

interface FolderView {
  checkedAt: number;
  files: string[];
  /** Manifests listed but not read yet (kustomizations are read at once: they say what else belongs). */
  unread: Map<string, fs.Stats>;
  summaries: Map<string, FileSummary>;
  services: ServiceSummary[];
  autoscalers: AutoscalerSummary[];
  disruptionBudgets: DisruptionBudgetSummary[];
  limitRanges: LimitRangeSummary[];
  resources: string[];
  /** Services by one label of their selector. */
  byLabel: Map<string, ServiceSummary[]>;
  /** Autoscalers by the kind and name of their target. */
  byTarget: Map<string, AutoscalerSummary[]>;
}

/** How long a folder's listing is trusted before it is read again. */
const RECHECK_MS = 1000;
/** Larger files are rendered bundles; the linted file's own objects are indexed by the rules. */
const MAX_FILE_BYTES = 8_000_000;
const KUSTOMIZATION = /^(?:kustomization\.ya?ml|Kustomization)$/u;
/** Only files that may hold what the view indexes are parsed. */
const INDEXED_KIND = /^\s*kind:\s*["']?(?:Service|HorizontalPodAutoscaler|PodDisruptionBudget|LimitRange)["']?\s*(?:#.*)?$/mu;
const TEMPLATE = /\{\{|\{%/u;

const files = new Map<string, FileSummary>();
const folders = new Map<string, FolderView>();

const labelKey = (key: string, value: string) => `${key}\u0000${value}`;
const targetKey = (kind: string, name: string) => `${kind}\u0000${name}`;

function stat(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** Ports for monitoring, not for clients (kept in step with kubernetes.ts). */
const MONITORING_PORT = /metric|prom|monitor|exporter/iu;

/** A label selector's `matchExpressions`, as plain data; entries that are not well formed are left out. */
function selectorRequirements(value: unknown): SelectorRequirement[] {
  const requirements: SelectorRequirement[] = [];
  for (const entry of Array.isArray(value) ? value : []) {
    const key = text(record(entry)?.key);
    const operator = text(record(entry)?.operator);
    const values = record(entry)?.values;
    if (key && operator) requirements.push({ key, operator, values: (Array.isArray(values) ? values : []).map(text).filter((item) => item !== undefined) });
  }
  return requirements;
}

/** A mapping of strings (labels) as a Map; values that are not strings or numbers are left out. */
function labelMap(value: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [key, item] of Object.entries(record(value) ?? {})) {
    const label = text(item);
    if (label !== undefined) labels.set(key, label);
  }
  return labels;
}

const emptySummary = (): Omit<FileSummary, "stamp"> => ({ services: [], autoscalers: [], disruptionBudgets: [], limitRanges: [], resources: [] });

function summarise(file: string, source: string): Omit<FileSummary, "stamp"> {
  const summary = emptySummary();
  const folder = path.dirname(file);
  let documents;
  try {
    documents = parseAllDocuments(source, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return summary;
  }
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    if (document.errors.length > 0) continue;
    let root: Record<string, unknown> | undefined;
    try {
      root = record(document.toJS({ maxAliasCount: 100 }));
    } catch {
      continue;
    }
    if (!root) continue;
    if (KUSTOMIZATION.test(path.basename(file))) {
      for (const entry of [root.resources, root.bases].flatMap((list) => (Array.isArray(list) ? list : []))) {
        if (typeof entry === "string" && !entry.includes("://") && !/^(?:github\.com|git@)/u.test(entry)) summary.resources.push(path.resolve(folder, entry));
      }
      continue;
    }
    const metadata = record(root.metadata);
    const spec = record(root.spec);
    const namespace = text(metadata?.namespace);
    if (root.kind === "Service") {
      const selector = new Map<string, string>();
      for (const [key, value] of Object.entries(record(spec?.selector) ?? {})) {
        const label = text(value);
        if (label !== undefined) selector.set(key, label);
      }
      const ports = Array.isArray(spec?.ports) ? spec.ports : [];
      const serving = ports.length === 0 || ports.some((port) => !MONITORING_PORT.test(`${text(record(port)?.name) ?? ""} ${text(record(port)?.targetPort) ?? ""}`));
      const annotations = record(metadata?.annotations) ?? {};
      const scraped = Object.keys(annotations).some((key) => key.startsWith("prometheus.io/")) && text(annotations["prometheus.io/scrape"]) !== "false";
      if (selector.size > 0 && serving) summary.services.push({ file, name: text(metadata?.name) ?? "", namespace, selector, scraped });
    } else if (root.kind === "HorizontalPodAutoscaler") {
      const target = record(spec?.scaleTargetRef);
      const maxReplicas = Number(spec?.maxReplicas);
      const minReplicas = spec?.minReplicas === undefined ? 1 : Number(spec.minReplicas);
      const targetKind = text(target?.kind);
      const targetName = text(target?.name);
      if (targetKind && targetName && Number.isFinite(maxReplicas)) {
        summary.autoscalers.push({ file, namespace, targetKind, targetName, maxReplicas, minReplicas: Number.isFinite(minReplicas) ? minReplicas : 1 });
      }
    } else if (root.kind === "PodDisruptionBudget") {
      const selector = record(spec?.selector);
      // Without a selector the budget selects nothing (policy/v1beta1) or every pod (policy/v1, `{}`); only the written one counts.
      if (selector) summary.disruptionBudgets.push({ file, namespace, matchLabels: labelMap(selector.matchLabels), matchExpressions: selectorRequirements(selector.matchExpressions) });
    } else if (root.kind === "LimitRange") {
      const limits = Array.isArray(spec?.limits) ? spec.limits : [];
      const defaultsMemoryLimit = limits.some((limit) => {
        const entry = record(limit);
        return text(entry?.type) === "Container" && (text(record(entry?.default)?.memory) !== undefined || text(record(entry?.max)?.memory) !== undefined);
      });
      summary.limitRanges.push({ file, namespace, defaultsMemoryLimit });
    }
  }
  return summary;
}

/** A manifest's summary, read again only when its size or modification time changed. */
function fileSummary(file: string, stats: fs.Stats): FileSummary {
  const stamp = `${stats.size}:${stats.mtimeMs}`;
  const known = files.get(file);
  if (known?.stamp === stamp) return known;
  let summary: FileSummary = { stamp, ...emptySummary() };
  if (stats.size < MAX_FILE_BYTES) {
    try {
      const source = fs.readFileSync(file, "utf8");
      const kustomization = KUSTOMIZATION.test(path.basename(file));
      if (kustomization || (INDEXED_KIND.test(source) && !TEMPLATE.test(source))) summary = { stamp, ...summarise(file, source) };
    } catch {
      // Unreadable: it contributes nothing.
    }
  }
  files.set(file, summary);
  return summary;
}

/** The YAML files of a folder (not its subfolders), listed and its kustomizations read; re-listed at most once a second. */
function folderView(folder: string, now: number): FolderView {
  const known = folders.get(folder);
  if (known && now - known.checkedAt < RECHECK_MS) return known;
  let names: string[] = [];
  try {
    names = fs.readdirSync(folder).filter((name) => /\.ya?ml$/u.test(name) || name === "Kustomization");
  } catch {
    names = [];
  }
  const view: FolderView = {
    checkedAt: now,
    files: [],
    unread: new Map(),
    summaries: new Map(),
    services: [],
    autoscalers: [],
    disruptionBudgets: [],
    limitRanges: [],
    resources: [],
    byLabel: new Map(),
    byTarget: new Map(),
  };
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    const stats = stat(file);
    if (!stats?.isFile()) continue;
    view.files.push(file);
    if (KUSTOMIZATION.test(name)) view.summaries.set(file, fileSummary(file, stats));
    else view.unread.set(file, stats);
  }
  index(view);
  folders.set(folder, view);
  return view;
}

/** Reads the manifests of a folder that `self` needs: all but itself. */
function readAllBut(view: FolderView, self: string): FolderView {
  let read = false;
  for (const [file, stats] of view.unread) {
    if (file === self) continue;
    view.summaries.set(file, fileSummary(file, stats));
    view.unread.delete(file);
    read = true;
  }
  if (read) index(view);
  return view;
}

/** Collects and indexes what the folder's read manifests hold, in file order. */
function index(view: FolderView): void {
  view.services = [];
  view.autoscalers = [];
  view.disruptionBudgets = [];
  view.limitRanges = [];
  view.resources = [];
  for (const file of view.files) {
    const summary = view.summaries.get(file);
    if (!summary) continue;
    view.services.push(...summary.services);
    view.autoscalers.push(...summary.autoscalers);
    view.disruptionBudgets.push(...summary.disruptionBudgets);
    view.limitRanges.push(...summary.limitRanges);
    view.resources.push(...summary.resources);
  }
  view.byLabel = new Map();
  for (const service of view.services) {
    const first = [...service.selector][0]!;
    const key = labelKey(...first);
    const entries = view.byLabel.get(key);
    if (entries) entries.push(service);
    else view.byLabel.set(key, [service]);
  }
  view.byTarget = new Map();
  for (const autoscaler of view.autoscalers) {
    const key = targetKey(autoscaler.targetKind, autoscaler.targetName);
    const entries = view.byTarget.get(key);
    if (entries) entries.push(autoscaler);
    else view.byTarget.set(key, [autoscaler]);
  }
}

/**
 * What the deployment around `file` consists of: its folder, and, through a kustomization in it,
 * the files and folders it lists (followed through their own kustomizations, a few levels deep).
 */
function viewsAround(file: string): { folders: FolderView[]; extraFiles: FileSummary[] } {
  const now = Date.now();
  const seen = new Set<string>();
  const result: { folders: FolderView[]; extraFiles: FileSummary[] } = { folders: [], extraFiles: [] };
  const visit = (folder: string, depth: number) => {
    if (seen.has(folder) || depth > 4) return;
    seen.add(folder);
    const view = readAllBut(folderView(folder, now), file);
    result.folders.push(view);
    for (const resource of view.resources) {
      const stats = stat(resource);
      if (stats?.isDirectory()) visit(resource, depth + 1);
      else if (stats?.isFile() && resource !== file && !view.files.includes(resource) && !seen.has(resource)) {
        seen.add(resource);
        result.extraFiles.push(fileSummary(resource, stats));
      }
    }
  };
  visit(path.dirname(file), 0);
  return result;
}

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  // Unset is the namespace kubectl or kustomize applies: it matches any.
  return a === undefined || b === undefined || a === b;
}

/** Whether the project view can be used for this file: a real file on disk (not stdin, not a test's virtual file). */
export function hasProjectView(file: string): boolean {
  return path.isAbsolute(file) && stat(file)?.isFile() === true;
}

/**
 * The Services in the other manifests of the deployment around `file` that send client traffic
 * to pods with these labels in this namespace, in file order.
 */
export function siblingServicesSelecting(file: string, podLabels: ReadonlyMap<string, string>, namespace: string | undefined): ServiceSummary[] {
  if (podLabels.size === 0 || !hasProjectView(file)) return [];
  const self = path.resolve(file);
  const { folders: views, extraFiles } = viewsAround(self);
  const found: ServiceSummary[] = [];
  const consider = (service: ServiceSummary) => {
    if (service.file === self || found.includes(service) || !sameNamespace(service.namespace, namespace)) return;
    if ([...service.selector].every(([key, value]) => podLabels.get(key) === value)) found.push(service);
  };
  for (const view of views) {
    for (const [key, value] of podLabels) for (const service of view.byLabel.get(labelKey(key, value)) ?? []) consider(service);
  }
  for (const summary of extraFiles) for (const service of summary.services) consider(service);
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/** The HorizontalPodAutoscalers in the other manifests around `file` that scale this workload. */
export function siblingAutoscalers(file: string, kind: string, name: string, namespace: string | undefined): AutoscalerSummary[] {
  if (!hasProjectView(file)) return [];
  const self = path.resolve(file);
  const { folders: views, extraFiles } = viewsAround(self);
  return [...views.flatMap((view) => view.byTarget.get(targetKey(kind, name)) ?? []), ...extraFiles.flatMap((summary) => summary.autoscalers)].filter(
    (autoscaler) => autoscaler.file !== self && autoscaler.targetKind === kind && autoscaler.targetName === name && sameNamespace(autoscaler.namespace, namespace),
  );
}

/** The objects of one kind that the other manifests around `file` declare in this namespace (or with none stated). */
function siblingsInNamespace<T extends { file: string; namespace: string | undefined }>(
  file: string,
  namespace: string | undefined,
  pick: (holder: Pick<FileSummary, "disruptionBudgets" | "limitRanges">) => readonly T[],
): T[] {
  if (!hasProjectView(file)) return [];
  const self = path.resolve(file);
  const { folders: views, extraFiles } = viewsAround(self);
  return [...views.flatMap(pick), ...extraFiles.flatMap(pick)].filter((object) => object.file !== self && sameNamespace(object.namespace, namespace));
}

/** The PodDisruptionBudgets in the other manifests around `file`, in this namespace (or with none stated), whatever they select. */
export function siblingDisruptionBudgets(file: string, namespace: string | undefined): DisruptionBudgetSummary[] {
  return siblingsInNamespace(file, namespace, (holder) => holder.disruptionBudgets);
}

/** The LimitRanges in the other manifests around `file`, in this namespace (or with none stated). */
export function siblingLimitRanges(file: string, namespace: string | undefined): LimitRangeSummary[] {
  return siblingsInNamespace(file, namespace, (holder) => holder.limitRanges);
}
