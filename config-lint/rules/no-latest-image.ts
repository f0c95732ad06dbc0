import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { documentKind, isLocalDevelopmentFile, projectPath } from "../document-kind.ts";
import { isLocalComposeStack } from "../local-stack.ts";
import { containersOf, kubernetesObjects, podSpecOf } from "../kubernetes.ts";
import { isImagePinnedByDeployTool } from "../image-pins.ts";
import { asMapping, asScalar, getPair, getPath, pairsOf, scalarText } from "../yaml-nodes.ts";

export interface ImageReference {
  /** The name without tag or digest, as written: `ghcr.io/acme/api`, `localhost:5000/api`, `redis`. */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Splits an image reference into name, tag and digest; a `:` before the last `/` is a registry's port, not a tag. */
export function parseImageReference(text: string): ImageReference {
  const at = text.indexOf("@");
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const withoutDigest = at === -1 ? text : text.slice(0, at);
  const colon = withoutDigest.lastIndexOf(":");
  if (colon > withoutDigest.lastIndexOf("/")) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, tag: undefined, digest };
}

/**
 * Docker Hub's official images, the only ones pulled by a bare one-word name (`redis` is
 * `docker.io/library/redis`). Any other bare name (`frontend`, `cartservice`) exists on no
 * registry: it is built on the spot and loaded into the cluster, or a placeholder that Skaffold,
 * Tilt or a deploy script replaces with the built tag, so there is no moving tag to pull.
 */
const DOCKER_OFFICIAL_IMAGES: ReadonlySet<string> = new Set(
  (
    "adminer aerospike almalinux alpine amazoncorretto amazonlinux api-firewall arangodb archlinux backdrop bash bonita buildpack-deps busybox " +
    "caddy cassandra centos chronograf cirros clearlinux clickhouse clojure composer consul convertigo couchbase couchdb crate dart debian " +
    "docker drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang fedora flink fluentd friendica gazebo gcc " +
    "geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi " +
    "jenkins jetty jobber joomla jruby julia kapacitor kibana kong krakend liquibase logstash mageia mariadb matomo maven mediawiki memcached " +
    "mongo mongo-express monica mono mysql nats nats-streaming neo4j neurodebian nextcloud nginx node notary odoo open-liberty openjdk " +
    "oraclelinux orientdb owncloud percona perl photon php phpmyadmin piwik plone postfixadmin postgres pypy python r-base rabbitmq rakudo-star " +
    "redis redmine registry rethinkdb rocket.chat rocketchat rockylinux ruby rust sapmachine satosa sentry silverpeas solr sonarqube spark " +
    "spiped storm swarm swift swipl teamspeak telegraf tomcat tomee traefik ubuntu unit varnish vault websphere-liberty wordpress xwiki yourls " +
    "znc zookeeper"
  ).split(" "),
);

/**
 * Why an image reference moves from one pull to the next: `"untagged"`, `"latest"`, or undefined
 * when it is pinned (a tag other than `latest`, a digest) or filled in later (a variable, a
 * template, ko's `ko://` import path, a reference too odd to judge).
 */
export function floatingImage(text: string): "untagged" | "latest" | undefined {
  const image = text.trim();
  if (image === "" || /[$%{}<>()\s]/u.test(image) || image.includes("://")) return undefined;
  const { name, tag, digest } = parseImageReference(image);
  if (digest !== undefined || !/^[a-z0-9][a-z0-9._/:-]*$/u.test(name)) return undefined;
  if (!name.includes("/") && !DOCKER_OFFICIAL_IMAGES.has(name)) return undefined;
  if (tag === undefined) return "untagged";
  return tag === "latest" ? "latest" : undefined;
}

export default createYamlRule<[], "untaggedImage" | "latestImage">({
  name: "no-latest-image",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow container images without a tag or tagged latest in Kubernetes workloads and Compose services",
      recommended: "warn",
    },
    schema: [],
    messages: {
      untaggedImage:
        "Image `{{image}}` has no tag, so it means `latest`: a rollout, a rescheduled pod or a node restart pulls whatever build was pushed last, and replicas run different code. " +
        "Pin a version tag or a digest (`{{image}}:1.4.2`, `{{image}}@sha256:…`), or set it with kustomize `images:` or your deploy tool.",
      latestImage:
        "Image `{{image}}` is tagged `latest`, which moves with every push: a rollout, a rescheduled pod or a node restart pulls a different build, and replicas run different code. " +
        "Pin a version tag or a digest, or set it with kustomize `images:` or your deploy tool.",
    },
  },
  create(context) {
    const reported = new Set<AST.YAMLScalar>();
    const check = (node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined): void => {
      const scalar = asScalar(node);
      // An anchored image used by several containers or services is one finding, where it is written.
      if (!scalar || typeof scalar.value !== "string" || reported.has(scalar)) return;
      reported.add(scalar);
      const floating = floatingImage(scalar.value);
      if (!floating) return;
      const { name } = parseImageReference(scalar.value.trim());
      if (isImagePinnedByDeployTool(context.physicalFilename, context.cwd, name)) return;
      context.report({
        node: scalar,
        messageId: floating === "latest" ? "latestImage" : "untaggedImage",
        data: { image: floating === "latest" ? scalar.value.trim() : name },
      });
    };

    return {
      Program(program) {
        const filename = projectPath(context);
        // A developer's machine or a test run: the image is whatever was built or pulled there.
        if (isLocalDevelopmentFile(filename)) return;
        for (const object of kubernetesObjects(program)) {
          const podSpec = podSpecOf(object);
          if (!podSpec) continue;
          for (const container of containersOf(podSpec)) {
            // `Never` runs only an image loaded onto the node by hand (kind, minikube): nothing is pulled.
            if (scalarText(getPath(container, "imagePullPolicy")) === "Never") continue;
            check(getPair(container, "image")?.value);
          }
        }
        for (const document of program.body) {
          const root = asMapping(document.content);
          // A local development stack (a mail catcher, a dev build target, source mounts) runs on a laptop, not in production.
          if (!root || documentKind(document, filename) !== "compose" || isLocalComposeStack(root)) continue;
          for (const { value } of pairsOf(getPath(root, "services"))) {
            const service = asMapping(value);
            // With `build:`, `image:` names what Compose builds here, not something pulled.
            if (!service || getPair(service, "build")) continue;
            if (scalarText(getPath(service, "pull_policy")) === "build") continue;
            check(getPair(service, "image")?.value);
          }
        }
      },
    };
  },
});
