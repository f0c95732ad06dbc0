import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";

/**
 * Whether `filePath` lies in a Helm chart's `templates/` folder: a folder of that name (at any
 * depth above the file, as in `templates/tests/`) beside the chart's `Chart.yaml`. Such files are
 * rendered by Helm and mean nothing as YAML before that; tools that check charts (kube-linter,
 * checkov) render the chart first or skip its templates.
 */
export function isHelmChartTemplate(filePath: string): boolean {
  if (!isAbsolute(filePath)) return false;
  for (let folder = dirname(filePath); dirname(folder) !== folder; folder = dirname(folder)) {
    if (basename(folder) === "templates" && existsSync(join(dirname(folder), "Chart.yaml"))) return true;
  }
  return false;
}
