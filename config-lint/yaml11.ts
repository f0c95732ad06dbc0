/**
 * How a plain (unquoted) scalar resolves under YAML 1.1, which Kubernetes' decoder
 * (sigs.k8s.io/yaml over go-yaml) and many older tools still use. `yaml` reads YAML 1.2, where
 * `yes`, `on` and `0755` are strings or decimal numbers; in YAML 1.1 they are a boolean and an
 * octal integer, so the same file means different things to the linter and to the cluster.
 */
export type Yaml11Type = "bool" | "int" | "float" | "null" | "str";

const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/u;
const NULL = /^(?:~|null|Null|NULL|)$/u;
const INT = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[1-9][0-9_]*|0)$/u;
// The digits before the point and after it cannot be split two ways (that was quadratic in their length).
const FLOAT = /^(?:[-+]?(?:[0-9_]*|(?:[0-9][0-9_]*)?\.[0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/u;

export function yaml11Type(plain: string): Yaml11Type {
  if (NULL.test(plain)) return "null";
  if (BOOL.test(plain)) return "bool";
  if (INT.test(plain)) return "int";
  // A float needs at least one digit; "." and "_" alone are strings.
  if (/[0-9]|inf|nan/iu.test(plain) && FLOAT.test(plain)) return "float";
  return "str";
}
